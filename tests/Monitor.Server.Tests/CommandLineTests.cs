using NewsMonitor.Testing;

namespace NewsMonitor.Tests;

/// <summary>Mistakes on the command line, replayed as a new user made them: each is one readable line and exit 2, and nothing runs.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_misspelt_option_is_refused_with_the_nearest_one_and_nothing_runs()
    {
        var (exit, output, error) = await Cli.RunAsync("run-once", "--fedds", "x.opml", "--data", temp.Combine("data"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: unknown option --fedds for run-once (did you mean --feeds?); options of run-once: --feeds, --watchlist,", error);
        Assert.EndsWith("--allow-private-addresses, --Section:Key=value", error.TrimEnd());
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(temp.Combine("data")));
    }

    [Fact]
    public async Task A_misspelt_verb_is_refused_with_the_nearest_one()
    {
        var (exit, _, error) = await Cli.RunAsync("rn-once");

        Assert.Equal(2, exit);
        Assert.Contains("(did you mean run-once?)", error);
        Assert.Contains("verbs: run-once, match, parse, serve, digest", error);
    }

    [Fact]
    public async Task No_verb_at_all_lists_the_verbs()
    {
        var (exit, _, error) = await Cli.RunAsync();

        Assert.Equal(2, exit);
        Assert.Contains("verbs: run-once, match, parse, serve, digest", error);
    }

    [Theory]
    [InlineData("--Feeds:Timout=00:00:05", "unknown setting --Feeds:Timout=00:00:05 (did you mean Feeds:Timeout?)")]
    [InlineData("--Feed:Timeout=00:00:05", "unknown setting --Feed:Timeout=00:00:05 (did you mean Feeds:Timeout?)")]
    [InlineData("--Nothing:Here=1", "unknown setting --Nothing:Here=1;")]
    public async Task A_setting_the_program_does_not_read_is_refused(string setting, string expected)
    {
        var (exit, _, error) = await Cli.RunAsync("run-once", "--data", temp.Combine("data"), setting);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(temp.Combine("data")));
    }

    [Theory]
    [InlineData("--Feeds:Timeout=abc", "error: --Feeds:Timeout=abc: not a valid duration (such as 00:00:30 for 30 seconds)")]
    [InlineData("--Feeds:MaxConcurrency=many", "error: --Feeds:MaxConcurrency=many: not a valid whole number")]
    [InlineData("--Delivery:Smtp:Security=tls13", "error: --Delivery:Smtp:Security=tls13: not a valid SmtpSecurity value")]
    public async Task A_value_of_the_wrong_type_is_named_instead_of_a_stack_trace(string setting, string expected)
    {
        var (exit, _, error) = await Cli.RunAsync("run-once", "--data", temp.Combine("data"), setting);

        Assert.Equal(2, exit);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task Known_settings_in_any_case_and_free_sections_are_accepted_by_the_check()
    {
        var (exit, _, error) = await Cli.RunAsync(
            "match", "--watchlist", temp.Combine("missing.json"), "--feeds:timeout=00:00:05", "--Logging:LogLevel:Default=Debug");

        // The settings passed; what stops it is the missing file, named on one line.
        Assert.Equal(2, exit);
        Assert.DoesNotContain("setting", error);
    }

    [Fact]
    public async Task A_top_level_setting_is_taken_only_when_the_program_reads_it()
    {
        var (named, _, namedError) = await Cli.RunAsync(
            "match", "--watchlist", temp.Combine("missing.json"), "--Storage:Connection=MyStorage", "--MyStorage=UseDevelopmentStorage=true");
        var (typo, _, typoError) = await Cli.RunAsync("run-once", "--data", temp.Combine("data"), "--fedds=x.opml");

        // The connection string named by Storage:Connection passes; what stops the first is its missing file.
        Assert.Equal(2, named);
        Assert.DoesNotContain("unknown", namedError);
        Assert.Equal(2, typo);
        Assert.StartsWith("error: unknown option --fedds=x.opml for run-once (did you mean --feeds?)", typoError);
    }

    [Fact]
    public async Task A_missing_input_file_is_one_line_not_a_stack_trace()
    {
        var watchlist = temp.Combine("watchlist.json");
        await File.WriteAllTextAsync(watchlist, """{ "terms": [ { "id": "m", "name": "M", "query": "mistral" } ] }""");

        var (exit, output, error) = await Cli.RunAsync("match", "--watchlist", watchlist, "--input", temp.Combine("missing.jsonl"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"error: --input {temp.Combine("missing.jsonl")}: no such file", error.Trim());
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Serve_takes_allow_private_addresses_instead_of_ignoring_it()
    {
        // Refused for its URL, after the option parsed: an unknown option would have been exit 2.
        var (exit, _, error) = await Cli.RunAsync("serve", "--allow-private-addresses", "--urls", "http://0.0.0.0:5080");

        Assert.Equal(1, exit);
        Assert.Contains("makes the API reachable from other machines", error);
    }

    [Fact]
    public async Task Serve_on_a_busy_port_is_one_line_and_exit_1()
    {
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;

        var (exit, _, error) = await Cli.RunAsync("serve", "--urls", $"http://127.0.0.1:{port}", $"--Storage:DataDirectory={temp.Combine("data")}");

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: Failed to bind to address http://127.0.0.1:{port}", error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
