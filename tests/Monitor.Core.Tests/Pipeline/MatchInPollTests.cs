using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Storage.InProcess;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Pipeline;

/// <summary>"Pipeline:MatchInPoll" (the Server host's embedded store): a poll matches its new articles itself.</summary>
public sealed class MatchInPollTests() : WireFeedTests(new Dictionary<string, string?> { ["Pipeline:MatchInPoll"] = "true" })
{
    [Fact]
    public async Task A_poll_matches_its_new_articles_itself_queues_nothing_for_the_match_stage_and_alerts_once()
    {
        var outcome = await PollAsync();

        Assert.Equal((3, 2), (outcome.Matched?.Articles.Count, outcome.Matched?.Matches));
        Assert.Empty(Queue.Peek(QueueNames.Articles));
        Assert.Equal(["ana"], Queue.Peek(QueueNames.Alerts));
        Assert.Equal(new[] { Id(1), Id(2) }.Order(), (await Harness.Get<IMatchStore>().ListPendingAsync("ana")).Select(p => p.ArticleId).Order());
        Assert.Empty(await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public async Task When_matching_in_the_poll_fails_the_articles_are_queued_for_the_match_stage_and_nothing_is_lost()
    {
        RunSql($"CREATE TRIGGER fail_second BEFORE INSERT ON pending WHEN NEW.article_id = '{Id(2)}' BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        var outcome = await PollAsync();
        var unmatched = await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10);
        RunSql("DROP TRIGGER fail_second");
        var message = Assert.Single(Queue.Peek(QueueNames.Articles));
        var drained = await Harness.Get<QueueProcessor>().DrainAsync(QueueNames.Articles, Harness.Get<MatchArticleHandler>().HandleAsync, 1, default);

        Assert.Equal((PollStatus.NewItems, 3, null), (outcome.Status, outcome.NewArticles, outcome.Matched));
        Assert.Equal(3, unmatched.Count);
        Assert.Equal(new[] { Id(1), Id(2), Id(3) }.Order(), ArticleBatchMessage.Parse(message).Ids.Order());
        Assert.Equal(new DrainResult(1, 0), drained);
        Assert.Equal(new[] { Id(1), Id(2) }.Order(), (await Harness.Get<IMatchStore>().ListPendingAsync("ana")).Select(p => p.ArticleId).Order());
        Assert.Empty(await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10));
    }

    private async Task<PollOutcome> PollAsync()
    {
        return await Harness.Get<PollFeedHandler>().HandleAsync(await AddWireFeedAsync(), default);
    }
}
