using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NewsMonitor.Azure.Queues;
using NewsMonitor.Azure.Tables;
using NewsMonitor.Pipeline;
using NewsMonitor.Server.Cli;
using NewsMonitor.Server.Hosting;
using NewsMonitor.Storage;
using NewsMonitor.Testing;
using NewsMonitor.Tests.Support;

namespace NewsMonitor.Tests.Server;

/// <summary>
/// The Server's run-once verb with Storage:Provider=azure: the same cycle on Azure Storage queues and tables
/// (Azurite), with the Functions runtime's retry and poison rules.
/// </summary>
public sealed class ServerOnAzureTests : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private FeedServer feeds = null!;
    private AzuriteScope scope = null!;

    public async Task InitializeAsync()
    {
        scope = await AzuriteScope.CreateAsync();
        feeds = await FeedServer.StartAsync();
        feeds.Serve("fr.xml", await File.ReadAllTextAsync(Fixture("fr.xml")));
        feeds.Serve("en.xml", await File.ReadAllTextAsync(Fixture("en.xml")), "application/atom+xml");
        temp.Write("feeds.opml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <opml version="2.0"><head><title>test</title></head><body>
              <outline type="rss" text="Gazette" xmlUrl="{feeds.UrlOf("fr.xml")}" />
              <outline type="rss" text="Wire" xmlUrl="{feeds.UrlOf("en.xml")}" />
            </body></opml>
            """);
    }

    public async Task DisposeAsync()
    {
        await feeds.DisposeAsync();
        await scope.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task A_cycle_on_Azure_Storage_keeps_everything_in_tables_and_sends_each_digest_once()
    {
        var (exit, output) = await RunOnceAsync();

        Assert.True(exit == 0, output);
        Assert.Contains("feeds:    2 polled, 2 ok, 0 failed", output);
        Assert.Contains("messages: 2 written", output);
        Assert.Equal(2, Directory.GetFiles(temp.Combine("outbox"), "*.eml").Length);
        Assert.False(Directory.Exists(temp.Combine("data")), "nothing may go to the embedded store");
        var tables = new MonitorTables(scope.Clients, Options.Create(scope.Options));
        Assert.Equal(2, (await new TableFeedStore(tables).ListFeedsAsync()).Count);
        Assert.Empty(await new TableArticleStore(tables).ListUnmatchedArticleIdsAsync(100));

        clock.Advance(TimeSpan.FromHours(1));
        (exit, output) = await RunOnceAsync();

        Assert.True(exit == 0, output);
        Assert.Contains("articles: 0 new", output);
        Assert.Contains("messages: 0 written", output);
        Assert.Equal(2, Directory.GetFiles(temp.Combine("outbox"), "*.eml").Length);
    }

    [Fact]
    public async Task Articles_that_cannot_be_matched_end_in_the_poison_queue_after_five_tries_not_dropped()
    {
        // A query stored behind the importer's back (it rejects invalid ones) makes every match fail.
        var tables = new MonitorTables(scope.Clients, Options.Create(scope.Options));
        await new TableTermStore(tables).UpsertTermAsync(new WatchTerm { Id = "broken", Name = "Broken", Query = "\"unclosed" });

        var (exit, output) = await RunOnceAsync(withWatchlist: false);

        Assert.True(exit == 0, output);
        var queue = new AzureStorageQueue(scope.Clients, Options.Create(scope.Options));
        var poisoned = await queue.PeekAsync(QueueNames.PoisonOf(QueueNames.Articles));
        Assert.NotEmpty(poisoned);
        Assert.Contains($"poisoned: {poisoned.Count} messages failed 5 times", output);
        Assert.Equal(0, await queue.CountAsync(QueueNames.Articles));
        // Each poisoned message is one feed's batch: together they hold exactly the articles left unmatched.
        var poisonedIds = poisoned.SelectMany(body => ArticleBatchMessage.Parse(body).Ids).Order(StringComparer.Ordinal);
        Assert.Equal(poisonedIds, (await new TableArticleStore(tables).ListUnmatchedArticleIdsAsync(100)).Order(StringComparer.Ordinal));
    }

    private async Task<(int Exit, string Output)> RunOnceAsync(bool withWatchlist = true)
    {
        using var output = new StringWriter();

        // Set here: the override is async-local and must flow into this call.
        MonitorHost.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        // The subscribers follow the fixture watchlist's terms, so they come with it.
        string[] files = withWatchlist ? ["--watchlist", Fixture("watchlist.json"), "--subscribers", Fixture("subscribers.json")] : [];
        var exit = await MonitorCli.RunAsync(
            [
                "run-once",
                "--feeds", temp.Combine("feeds.opml"),
                .. files,
                "--data", temp.Combine("data"),
                "--outbox", temp.Combine("outbox"),
                "--allow-private-addresses",
                .. scope.Settings.Select(s => $"--{s.Key}={s.Value}"),
            ],
            output,
            output);
        return (exit, output.ToString());
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
