using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NewsMonitor.Server.Cli;
using NewsMonitor.Server.Hosting;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests;

/// <summary>
/// The whole pipeline through the real executable's `run-once` verb: two fixture feeds served by Kestrel on
/// 127.0.0.1, a temporary store and outbox, digests read back as MIME messages.
/// </summary>
public sealed partial class RunOnceEndToEndTests : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private FeedServer server = null!;
    private string subscribersFile = Fixture("subscribers.json");

    public async Task InitializeAsync()
    {
        server = await FeedServer.StartAsync();
        server.Serve("fr.xml", File.ReadAllText(Fixture("fr.xml")));
        server.Serve("en.xml", File.ReadAllText(Fixture("en.xml")), "application/atom+xml");
        temp.Write("feeds.opml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <opml version="2.0"><head><title>test</title></head><body>
              <outline text="FR"><outline type="rss" text="Gazette" xmlUrl="{server.UrlOf("fr.xml")}" /></outline>
              <outline type="rss" text="Wire" xmlUrl="{server.UrlOf("en.xml")}" />
            </body></opml>
            """);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task One_cycle_writes_one_digest_per_subscriber_with_exactly_the_matching_articles()
    {
        var (exit, output) = await RunOnceAsync();

        Assert.True(exit == 0, output);
        Assert.Contains("feeds:    2 polled, 2 ok, 0 failed", output);
        var messages = ReadOutbox();
        Assert.Equal(["ana@example.org", "bob@example.org"], messages.Keys.Order());

        var ana = messages["ana@example.org"];
        var anaText = ana.TextBody ?? "";
        Assert.Equal(1, Occurrences(anaText, "gazette.example.fr/2026/11/commission-mistral"));
        Assert.Contains("https://gazette.example.fr/2026/11/ia-act-adoption", anaText);
        Assert.Contains("https://gazette.example.fr/2026/11/dossier-mistral", anaText);
        Assert.Contains("https://wire.example.com/2026/11/ai-act-timeline", anaText);
        Assert.DoesNotContain("vent-rhone", anaText);
        Assert.DoesNotContain("broker-fees", anaText);
        Assert.StartsWith("4 nouveaux :", ana.Subject); // Europe/Paris: French wording

        var bob = messages["bob@example.org"];
        Assert.Equal(1, Occurrences(bob.TextBody ?? "", "commission-mistral"));
        Assert.DoesNotContain("ia-act", bob.TextBody);
        Assert.DoesNotContain("broker-fees", bob.TextBody);
        // One story (two outlets' reports): its lead's headline is the subject.
        Assert.True(
            bob.Subject is "Commission examines Microsoft's stake in Mistral AI" or "La Commission européenne examine le partenariat entre Microsoft et Mistral AI",
            bob.Subject);
    }

    [Fact]
    public async Task Feed_markup_is_shown_as_text_and_both_parts_are_present()
    {
        await RunOnceAsync();
        var ana = ReadOutbox()["ana@example.org"];

        var alternative = Assert.IsType<MultipartAlternative>(ana.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains("&amp; la Commission", ana.HtmlBody);
        Assert.DoesNotContain("<b>Commission", ana.HtmlBody);
        Assert.DoesNotContain("<script", ana.HtmlBody);
        Assert.Contains("Mistral & la Commission", ana.TextBody);
    }

    [Fact]
    public async Task A_second_cycle_with_nothing_new_writes_nothing()
    {
        await RunOnceAsync();
        var first = Directory.GetFiles(OutboxPath).ToDictionary(f => f, File.ReadAllBytes);

        clock.Advance(TimeSpan.FromHours(1));
        var (exit, output) = await RunOnceAsync();

        Assert.True(exit == 0, output);
        Assert.True(output.Contains("feeds:    2 polled, 2 ok, 0 failed", StringComparison.Ordinal), output);
        Assert.Contains("articles: 0 new", output);
        Assert.Contains("messages: 0 written", output);
        Assert.Equal(first.Keys.Order(), Directory.GetFiles(OutboxPath).Order());
        Assert.All(first, pair => Assert.Equal(pair.Value, File.ReadAllBytes(pair.Key)));
    }

    [Fact]
    public async Task A_cycle_before_the_feeds_are_due_says_when_they_will_be()
    {
        await RunOnceAsync();

        clock.Advance(TimeSpan.FromMinutes(1));
        var (exit, output) = await RunOnceAsync();

        Assert.True(exit == 0, output);
        Assert.Contains("feeds:    0 polled, 0 ok, 0 failed", output);
        Assert.Contains("  not due 2 feeds: the next check is at 2026-11-23 10:15 UTC (in 14 min)", output);
    }

    [Fact]
    public async Task Feeds_terms_and_subscribers_can_be_listed_and_removed_from_the_command_line()
    {
        await RunOnceAsync();
        var data = temp.Combine("data");

        var (listed, feeds, count) = await Cli.RunAsync("feeds", "list", "--data", data);
        var (removed, removal, _) = await Cli.RunAsync("feeds", "remove", server.UrlOf("en.xml").AbsoluteUri, "--data", data);
        var (_, after, _) = await Cli.RunAsync("feeds", "list", "--data", data);
        var (missing, _, why) = await Cli.RunAsync("terms", "remove", "nope", "--data", data);
        var (_, subscribers, _) = await Cli.RunAsync("subscribers", "list", "--data", data);

        Assert.Equal(0, listed);
        Assert.Equal(2, feeds.Trim().Split('\n').Length);
        Assert.Equal("2 feeds", count.Trim());
        Assert.Contains("\tFR\tGazette\tok 2026-11-23 10:00 UTC", feeds);
        Assert.Equal(0, removed);
        Assert.Equal($"removed feed {server.UrlOf("en.xml").AbsoluteUri}", removal.Trim());
        Assert.DoesNotContain("en.xml", after);
        Assert.Contains("fr.xml", after);
        Assert.Equal(1, missing);
        Assert.Equal("error: no term nope in the store (`terms list` shows them)", why.Trim());
        Assert.Contains("ana\tana@example.org", subscribers);
    }

    [Fact]
    public async Task An_OPML_outline_giving_a_site_address_is_polled_through_the_feed_its_page_announces()
    {
        server.Serve("gazette/", """
            <!DOCTYPE html><html><head><title>La Gazette</title>
            <link rel="alternate" type="application/rss+xml" title="À la une" href="/gazette/rss">
            </head><body>Bienvenue</body></html>
            """, "text/html; charset=utf-8");
        server.Serve("gazette/rss", File.ReadAllText(Fixture("fr.xml")));
        var site = server.UrlOf("gazette/").AbsoluteUri;
        var feed = server.UrlOf("gazette/rss").AbsoluteUri;
        temp.Write("feeds.opml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <opml version="2.0"><body><outline type="rss" text="Gazette" xmlUrl="{site}" /></body></opml>
            """);

        var (exit, output) = await RunOnceAsync();
        clock.Advance(TimeSpan.FromDays(1));
        var (again, _) = await RunOnceAsync();
        var (_, feeds, _) = await Cli.RunAsync("feeds", "list", "--data", temp.Combine("data"));

        Assert.True(exit == 0, output);
        Assert.Contains("feeds:    1 polled, 1 ok, 0 failed", output);
        Assert.Contains("https://gazette.example.fr/2026/11/dossier-mistral", ReadOutbox()["ana@example.org"].TextBody);
        Assert.Equal(0, again);
        var line = Assert.Single(feeds.Trim().Split('\n'));
        Assert.Equal($"{feed}\t\tGazette", string.Join('\t', line.Split('\t')[1..4]));
        Assert.EndsWith($"(site URL {site} → feed {feed} found by discovery on 2026-11-23)", line);
    }

    [Fact]
    public async Task A_relay_refusing_the_messages_is_reported_for_every_send_and_the_exit_code_says_so()
    {
        await using var relay = new RejectingSmtpServer();

        var (exit, output) = await RunOnceAsync("--Delivery:Sender=smtp", $"--Delivery:Smtp:Host={relay.Host}", $"--Delivery:Smtp:Port={relay.Port}", "--Delivery:Smtp:Security=None");

        Assert.True(exit == 3, output);
        Assert.Equal(2, relay.Refused);
        Assert.Contains("messages: 0 written via smtp, 2 failed", output);
        var refused = $"failed: SMTP {relay.Host}:{relay.Port}: send failed: the server answered 554: 5.7.1 Message rejected by policy; next try 2026-11-23 10:10 UTC";
        Assert.Contains($"  ana (immediate alert): {refused}", output);
        Assert.Contains($"  bob (daily digest): {refused}", output);
        Assert.Empty(Directory.Exists(OutboxPath) ? Directory.GetFiles(OutboxPath) : []);
    }

    private string OutboxPath => temp.Combine("outbox");

    private async Task<(int Exit, string Output)> RunOnceAsync(params string[] settings)
    {
        using var output = new StringWriter();

        // Set here, not in InitializeAsync: the override is async-local and must flow into this call.
        MonitorHost.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        var exit = await MonitorCli.RunAsync(
            [
                "run-once",
                "--feeds", temp.Combine("feeds.opml"),
                "--watchlist", Fixture("watchlist.json"),
                "--subscribers", subscribersFile,
                "--data", temp.Combine("data"),
                "--outbox", OutboxPath,
                "--allow-private-addresses",
                .. settings,
            ],
            output,
            output);
        return (exit, output.ToString());
    }

    private Dictionary<string, MimeMessage> ReadOutbox() =>
        Directory.GetFiles(OutboxPath, "*.eml")
            .Select(path => MimeMessage.Load(path))
            .ToDictionary(m => m.To.Mailboxes.Single().Address);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static int Occurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
