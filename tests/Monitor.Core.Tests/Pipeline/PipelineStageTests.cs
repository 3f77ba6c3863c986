using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Storage.InProcess;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Pipeline;

/// <summary>The stage handlers on the embedded store, with feeds served from 127.0.0.1.</summary>
public sealed class PipelineStageTests : IAsyncLifetime
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
          <item><title>Mistral AI lève 600 millions</title><link>https://wire.example/a/1</link><description>La start-up française.</description></item>
          <item><title>La Commission européenne et l’AI Act</title><link>https://wire.example/a/2</link><description>Bruxelles avance.</description></item>
        </channel></rss>
        """;

    private readonly PipelineHarness harness = new();
    private FeedServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FeedServer.StartAsync();
        server.Serve("good.xml", Rss);
        await harness.Get<ITermStore>().UpsertTermAsync(new WatchTerm { Id = "mistral", Name = "Mistral", Query = "Mistral" });
        await harness.Get<ITermStore>().UpsertTermAsync(new WatchTerm { Id = "aiact", Name = "AI Act", Query = "\"AI Act\"" });
        await harness.Get<ISubscriberStore>().UpsertSubscriberAsync(new Subscriber { Id = "ana", Email = "ana@example.org", Cadence = Cadence.Immediate });
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        harness.Dispose();
    }

    [Fact]
    public async Task A_broken_feed_is_marked_unhealthy_with_a_readable_reason_and_the_cycle_goes_on()
    {
        var good = await AddFeedAsync("good.xml");
        var broken = await AddFeedAsync("missing.xml");

        var report = await harness.Get<CycleRunner>().RunAsync(default);

        Assert.Equal(2, report.Polls.Count);
        Assert.Equal(2, report.NewArticles);
        var health = (await harness.Get<IFeedStore>().GetFeedAsync(broken.Id))!.Health;
        Assert.Equal("HTTP 404", health.LastError);
        Assert.Equal(1, health.ConsecutiveFailures);
        // The first back-off is 5 minutes with ±20 % jitter (PollSchedule).
        Assert.InRange(health.NextCheckAt!.Value - harness.Clock.GetUtcNow(), PollSchedule.FirstBackoff * 0.8, PollSchedule.FirstBackoff * 1.2);
        Assert.True((await harness.Get<IFeedStore>().GetFeedAsync(good.Id))!.Health.IsHealthy);
    }

    [Fact]
    public async Task A_redelivered_article_message_produces_one_match_row_and_one_email()
    {
        var feed = await AddFeedAsync("good.xml");
        await harness.Get<PollFeedHandler>().HandleAsync(feed.Id, default);
        var articleId = ArticleIdentity.ForUrl(new Uri("https://wire.example/a/1"));
        var match = harness.Get<MatchArticleHandler>();

        await match.HandleAsync(articleId, default);
        await match.HandleAsync(articleId, default);
        var digests = harness.Get<SendDigestsHandler>();
        var first = await digests.SendForAsync("ana", default);
        var second = await digests.SendForAsync("ana", default);

        Assert.Single(await harness.Get<IMatchStore>().ListMatchesForArticleAsync(articleId));
        Assert.Equal(DigestOutcomeStatus.Sent, first.Status);
        Assert.Equal(DigestOutcomeStatus.NothingNew, second.Status);
        Assert.Single(Directory.GetFiles(harness.OutboxPath, "*.eml"));
    }

    [Fact]
    public async Task An_article_stored_but_never_matched_is_matched_by_the_next_cycle()
    {
        var articles = harness.Get<IArticleStore>();
        await articles.TryAddArticleAsync(new Article
        {
            Id = "left-behind",
            FeedId = "f",
            Url = "https://wire.example/a/9",
            Title = "Mistral AI ouvre un bureau à Munich",
            FetchedAt = harness.Clock.GetUtcNow(),
        });

        var report = await harness.Get<CycleRunner>().RunAsync(default);

        Assert.Equal(1, report.ArticlesMatched);
        Assert.Empty(await articles.ListUnmatchedArticleIdsAsync(10));
        Assert.Equal("mistral", Assert.Single(await harness.Get<IMatchStore>().ListMatchesForArticleAsync("left-behind")).TermId);
        Assert.Equal(1, report.MessagesSent);
    }

    [Fact]
    public async Task A_cycle_over_many_feeds_alerts_an_immediate_subscriber_once_with_every_match_and_reports_it_once()
    {
        for (var i = 0; i < 4; i++)
        {
            server.Serve($"wire{i}.xml", Rss.Replace("wire.example/a/", $"wire.example/{i}/a/", StringComparison.Ordinal));
            await AddFeedAsync($"wire{i}.xml");
        }

        var report = await harness.Get<CycleRunner>().RunAsync(default);

        Assert.Equal(8, report.NewArticles);
        // One alert for the four feeds' messages, then the pass over due digests finds nothing left.
        Assert.Equal([(DigestOutcomeStatus.Sent, 8), (DigestOutcomeStatus.NothingNew, 0)], report.Digests.Where(d => d.SubscriberId == "ana").Select(d => (d.Status, d.Articles)));
        Assert.Single(Directory.GetFiles(harness.OutboxPath, "*.eml"));
        Assert.Empty(await harness.Get<IMatchStore>().ListPendingAsync("ana"));
        Assert.Empty(harness.Get<InProcessQueue>().Peek(QueueNames.Alerts));
    }

    [Fact]
    public async Task A_feed_scheduled_once_is_not_scheduled_again_while_its_poll_waits_in_the_queue()
    {
        await AddFeedAsync("good.xml");
        var schedule = harness.Get<SchedulePollsHandler>();

        var first = await schedule.ScheduleDueAsync(default);
        var second = await schedule.ScheduleDueAsync(default);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Single(harness.Get<InProcessQueue>().Peek(QueueNames.FeedPolls));
    }

    private async Task<FeedSource> AddFeedAsync(string path)
    {
        var url = server.UrlOf(path).AbsoluteUri;
        var feed = new FeedSource { Id = ArticleIdentity.ForFeed(url), Url = url };
        await harness.Get<IFeedStore>().UpsertFeedAsync(feed);
        return feed;
    }
}
