using System.Text.Json;
using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Storage.InProcess;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Pipeline;

/// <summary>
/// The setting of the match-stage tests: a wire feed of three items on 127.0.0.1, two of which match terms
/// that "ana" (immediate alerts) and "bob" (a daily digest) follow, on the embedded store with the given settings.
/// </summary>
public abstract class WireFeedTests(IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
          <item><title>Mistral AI lève 600 millions</title><link>https://wire.example/a/1</link><description>La start-up française.</description></item>
          <item><title>La Commission européenne et l’AI Act</title><link>https://wire.example/a/2</link><description>Bruxelles avance.</description></item>
          <item><title>Météo du week-end</title><link>https://wire.example/a/3</link><description>Du soleil.</description></item>
        </channel></rss>
        """;

    private FeedServer server = null!;

    protected PipelineHarness Harness { get; } = new(settings: settings);

    protected InProcessQueue Queue => Harness.Get<InProcessQueue>();

    public async Task InitializeAsync()
    {
        server = await FeedServer.StartAsync();
        server.Serve("wire.xml", Rss);
        await Harness.Get<ITermStore>().UpsertTermAsync(new WatchTerm { Id = "mistral", Name = "Mistral", Query = "Mistral" });
        await Harness.Get<ITermStore>().UpsertTermAsync(new WatchTerm { Id = "aiact", Name = "AI Act", Query = "\"AI Act\"" });
        await Harness.Get<ISubscriberStore>().UpsertSubscriberAsync(new Subscriber { Id = "ana", Email = "ana@example.org", Cadence = Cadence.Immediate });
        await Harness.Get<ISubscriberStore>().UpsertSubscriberAsync(new Subscriber { Id = "bob", Email = "bob@example.org", Cadence = Cadence.Daily });
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Harness.Dispose();
    }

    protected static string Id(int n) => ArticleIdentity.ForUrl(new Uri($"https://wire.example/a/{n}"));

    /// <summary>Stores the wire feed and returns its id, ready to poll.</summary>
    protected async Task<string> AddWireFeedAsync()
    {
        var url = server.UrlOf("wire.xml").AbsoluteUri;
        var feed = new FeedSource { Id = ArticleIdentity.ForFeed(url), Url = url };
        await Harness.Get<IFeedStore>().UpsertFeedAsync(feed);
        return feed.Id;
    }

    /// <summary>
    /// Runs a whole cycle over the wire feed (and the default feeds' fixtures, if any) and returns its report with what
    /// it left in the store for the subscribers: each article's match rows with their highlights, and each inbox.
    /// </summary>
    protected async Task<(CycleReport Report, string Stored)> CycleAsync()
    {
        await AddWireFeedAsync();
        var report = await Harness.Get<CycleRunner>().RunAsync(default);
        var matches = Harness.Get<IMatchStore>();
        var stored = new List<string>();
        foreach (var id in new[] { Id(1), Id(2), Id(3) })
        {
            stored.AddRange((await matches.ListMatchesForArticleAsync(id)).Select(m => $"{id} {m.TermId} {JsonSerializer.Serialize(m.Highlights)}"));
        }

        foreach (var subscriber in new[] { "ana", "bob" })
        {
            stored.AddRange((await matches.ListPendingAsync(subscriber)).Select(p => $"{subscriber} {p.ArticleId} {p.TermId} {p.AddedAt:O}"));
        }

        stored.AddRange(Directory.GetFiles(Harness.OutboxPath, "*.eml").Select(f => File.ReadLines(f).First(l => l.StartsWith("To:", StringComparison.Ordinal))));
        return (report, string.Join('\n', stored));
    }

    /// <summary>Runs SQL on the store directly: the tests plant triggers that make one write fail.</summary>
    protected void RunSql(string sql)
    {
        using var connection = Harness.Get<SqliteDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
