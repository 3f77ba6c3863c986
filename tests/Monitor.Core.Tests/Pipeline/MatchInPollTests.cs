using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Storage.InProcess;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Pipeline;

/// <summary>"Pipeline:MatchInPoll" (the Server host's embedded store): a poll matches its new articles itself.</summary>
public sealed class MatchInPollTests : IAsyncLifetime
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
          <item><title>Mistral AI lève 600 millions</title><link>https://wire.example/a/1</link><description>La start-up française.</description></item>
          <item><title>La Commission européenne et l’AI Act</title><link>https://wire.example/a/2</link><description>Bruxelles avance.</description></item>
          <item><title>Météo du week-end</title><link>https://wire.example/a/3</link><description>Du soleil.</description></item>
        </channel></rss>
        """;

    private readonly PipelineHarness harness = new(settings: new Dictionary<string, string?> { ["Pipeline:MatchInPoll"] = "true" });
    private FeedServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FeedServer.StartAsync();
        server.Serve("wire.xml", Rss);
        await harness.Get<ITermStore>().UpsertTermAsync(new WatchTerm { Id = "mistral", Name = "Mistral", Query = "Mistral" });
        await harness.Get<ITermStore>().UpsertTermAsync(new WatchTerm { Id = "aiact", Name = "AI Act", Query = "\"AI Act\"" });
        await harness.Get<ISubscriberStore>().UpsertSubscriberAsync(new Subscriber { Id = "ana", Email = "ana@example.org", Cadence = Cadence.Immediate });
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        harness.Dispose();
    }

    private InProcessQueue Queue => harness.Get<InProcessQueue>();

    private static string Id(int n) => ArticleIdentity.ForUrl(new Uri($"https://wire.example/a/{n}"));

    [Fact]
    public async Task A_poll_matches_its_new_articles_itself_queues_nothing_for_the_match_stage_and_alerts_once()
    {
        var outcome = await PollAsync();

        Assert.Equal((3, 2), (outcome.Matched?.Articles.Count, outcome.Matched?.Matches));
        Assert.Empty(Queue.Peek(QueueNames.Articles));
        Assert.Equal(["ana"], Queue.Peek(QueueNames.Alerts));
        Assert.Equal(new[] { Id(1), Id(2) }.Order(), (await harness.Get<IMatchStore>().ListPendingAsync("ana")).Select(p => p.ArticleId).Order());
        Assert.Empty(await harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public async Task When_matching_in_the_poll_fails_the_articles_are_queued_for_the_match_stage_and_nothing_is_lost()
    {
        RunSql($"CREATE TRIGGER fail_second BEFORE INSERT ON pending WHEN NEW.article_id = '{Id(2)}' BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        var outcome = await PollAsync();
        var unmatched = await harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10);
        RunSql("DROP TRIGGER fail_second");
        var message = Assert.Single(Queue.Peek(QueueNames.Articles));
        var drained = await harness.Get<QueueProcessor>().DrainAsync(QueueNames.Articles, harness.Get<MatchArticleHandler>().HandleAsync, 1, default);

        Assert.Equal((PollStatus.NewItems, 3, null), (outcome.Status, outcome.NewArticles, outcome.Matched));
        Assert.Equal(3, unmatched.Count);
        Assert.Equal(new[] { Id(1), Id(2), Id(3) }.Order(), ArticleBatchMessage.Parse(message).Ids.Order());
        Assert.Equal(new DrainResult(1, 0), drained);
        Assert.Equal(new[] { Id(1), Id(2) }.Order(), (await harness.Get<IMatchStore>().ListPendingAsync("ana")).Select(p => p.ArticleId).Order());
        Assert.Empty(await harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10));
    }

    private async Task<PollOutcome> PollAsync()
    {
        var url = server.UrlOf("wire.xml").AbsoluteUri;
        var feed = new FeedSource { Id = ArticleIdentity.ForFeed(url), Url = url };
        await harness.Get<IFeedStore>().UpsertFeedAsync(feed);
        return await harness.Get<PollFeedHandler>().HandleAsync(feed.Id, default);
    }

    private void RunSql(string sql)
    {
        using var connection = harness.Get<SqliteDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
