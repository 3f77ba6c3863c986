using Microsoft.Data.Sqlite;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests;

/// <summary>
/// Seed files (run-once's --feeds, --watchlist, --subscribers; serve's Seed:* defaults) are all read and checked
/// before any is stored: one unreadable file is one line on standard error, exit 1, and an untouched store.
/// </summary>
public sealed class SeedFilesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public SeedFilesTests() =>
        temp.Write("feeds.opml", """<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/feed"/><outline text="B" xmlUrl="https://b.example/feed"/></body></opml>""");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    [Fact]
    public async Task Run_once_with_a_missing_subscribers_file_stores_nothing_and_says_so_in_one_line()
    {
        var missing = temp.Combine("no-such-subscribers.json");

        var (exit, output, error) = await Cli.RunAsync(
            "run-once", "--feeds", temp.Combine("feeds.opml"), "--watchlist", Fixture("watchlist.json"), "--subscribers", missing,
            "--data", temp.Combine("data"), "--outbox", temp.Combine("outbox"));

        // A file named on the command line that is not there is a command-line mistake (exit 2), said before anything runs.
        Assert.Equal(2, exit);
        Assert.Equal($"error: --subscribers {missing}: no such file", OneLine(error));
        Assert.DoesNotContain("merged", output);
        Assert.Equal((0, 0, 0), await StoredCountsAsync());
    }

    [Fact]
    public async Task Serve_with_an_unreadable_seed_file_stores_nothing_and_says_so_in_one_line_instead_of_a_stack_trace()
    {
        var missing = temp.Combine("no-such-subscribers.json");

        var (exit, _, error) = await Cli.RunAsync(
            "serve", "--urls", "http://127.0.0.1:0", $"--Storage:DataDirectory={temp.Combine("data")}",
            $"--Seed:Feeds={temp.Combine("feeds.opml")}", $"--Seed:Watchlist={Fixture("watchlist.json")}", $"--Seed:Subscribers={missing}");

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: cannot read {missing}", OneLine(error));
        Assert.Equal((0, 0, 0), await StoredCountsAsync());
    }

    [Fact]
    public async Task Run_once_with_an_invalid_watchlist_stores_none_of_the_other_files()
    {
        temp.Write("watchlist.json", """{ "terms": [ { "id": "bad", "name": "Bad\u001b[31m", "query": "x" } ] }""");

        var (exit, _, error) = await Cli.RunAsync(
            "run-once", "--feeds", temp.Combine("feeds.opml"), "--watchlist", temp.Combine("watchlist.json"), "--subscribers", Fixture("subscribers.json"),
            "--data", temp.Combine("data"), "--outbox", temp.Combine("outbox"));

        Assert.Equal(1, exit);
        Assert.Contains("control character (U+001B)", OneLine(error));
        Assert.Equal((0, 0, 0), await StoredCountsAsync());
    }

    [Fact]
    public async Task A_subscriber_following_a_term_nobody_defined_is_refused_and_nothing_is_stored()
    {
        temp.Write("subscribers.json", """{ "subscribers": [ { "id": "ana", "email": "ana@example.org", "terms": ["mistral", "nope"] } ] }""");

        var (exit, _, error) = await Cli.RunAsync(
            "run-once", "--feeds", temp.Combine("feeds.opml"), "--watchlist", Fixture("watchlist.json"), "--subscribers", temp.Combine("subscribers.json"),
            "--data", temp.Combine("data"), "--outbox", temp.Combine("outbox"));

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: {temp.Combine("subscribers.json")}: subscriber 'ana' follows unknown term 'nope' (known: ", OneLine(error));
        Assert.Equal((0, 0, 0), await StoredCountsAsync());
    }

    [Fact]
    public async Task Replace_makes_the_given_file_the_whole_of_its_kind_and_leaves_the_others()
    {
        // Loopback feeds are refused without --allow-private-addresses: the cycles fail fast, offline.
        temp.Write("two.opml", """<opml version="2.0"><body><outline text="A" xmlUrl="http://127.0.0.1:9/a"/><outline text="B" xmlUrl="http://127.0.0.1:9/b"/></body></opml>""");
        temp.Write("one.opml", """<opml version="2.0"><body><outline text="C" xmlUrl="http://127.0.0.1:9/c"/></body></opml>""");
        string[] common = ["--data", temp.Combine("data"), "--outbox", temp.Combine("outbox")];
        await Cli.RunAsync(["run-once", "--feeds", temp.Combine("two.opml"), "--watchlist", Fixture("watchlist.json"), "--subscribers", Fixture("subscribers.json"), .. common]);
        var before = await StoredCountsAsync();

        var (merged, mergeOutput, _) = await Cli.RunAsync(["run-once", "--feeds", temp.Combine("one.opml"), .. common]);
        var afterMerge = await StoredCountsAsync();
        var (replaced, replaceOutput, _) = await Cli.RunAsync(["run-once", "--replace", "--feeds", temp.Combine("one.opml"), .. common]);

        Assert.Equal(0, merged);
        Assert.Contains("merged feeds: 1 in", mergeOutput);
        Assert.Equal(before with { Feeds = 3 }, afterMerge);
        Assert.Equal(0, replaced);
        Assert.Contains("(0 new, 2 removed)", replaceOutput);
        Assert.Equal(before with { Feeds = 1 }, await StoredCountsAsync());
    }

    private static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, text);
        return lines[0];
    }

    private async Task<(int Feeds, int Terms, int Subscribers)> StoredCountsAsync()
    {
        using var db = new SqliteDatabase(temp.Combine("data", "monitor.db"));
        return (
            (await new SqliteFeedStore(db).ListFeedsAsync()).Count,
            (await new SqliteTermStore(db).ListTermsAsync()).Count,
            (await new SqliteSubscriberStore(db).ListSubscribersAsync()).Count);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
