using NewsMonitor.Feeds;
using NewsMonitor.Matching;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Storage.InProcess;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Pipeline;

/// <summary>"Pipeline:MatchInPoll" (the Server host's embedded store): a poll matches its new articles itself and stores them with their matches.</summary>
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
        Assert.Equal("mistral", Assert.Single(await Harness.Get<IMatchStore>().ListMatchesForArticleAsync(Id(1))).TermId);
        Assert.Empty(await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public async Task A_cycle_matched_in_its_polls_stores_the_same_matches_and_inboxes_and_sends_the_same_alerts_as_one_through_the_match_stage()
    {
        var throughTheStage = new ThroughTheStage();
        await throughTheStage.InitializeAsync();
        (CycleReport Report, string Stored) staged;
        try
        {
            staged = await throughTheStage.CycleAsync();
        }
        finally
        {
            await throughTheStage.DisposeAsync();
        }

        var inPoll = await CycleAsync();

        Assert.Equal((1, 3, 2, 2), (staged.Report.FeedsScheduled, staged.Report.ArticlesMatched, staged.Report.Matches, staged.Report.MessagesSent));
        Assert.Equal(staged.Report.ArticlesMatched, inPoll.Report.ArticlesMatched);
        Assert.Equal(staged.Report.Matches, inPoll.Report.Matches);
        Assert.Equal(staged.Report.MessagesSent, inPoll.Report.MessagesSent);
        Assert.Equal(staged.Stored, inPoll.Stored);
    }

    [Fact]
    public async Task When_writing_the_matches_in_the_poll_fails_the_articles_are_stored_unmatched_and_queued_and_the_match_stage_matches_them()
    {
        RunSql($"CREATE TRIGGER fail_second BEFORE INSERT ON pending WHEN NEW.article_id = '{Id(2)}' BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        var outcome = await PollAsync();
        var unmatched = await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10);
        var matchedBefore = (await Harness.Get<IMatchStore>().ListMatchesForArticleAsync(Id(1))).Count;
        RunSql("DROP TRIGGER fail_second");
        var message = Assert.Single(Queue.Peek(QueueNames.Articles));
        var drained = await Harness.Get<QueueProcessor>().DrainAsync(QueueNames.Articles, Harness.Get<MatchArticleHandler>().HandleAsync, 1, default);

        Assert.Equal((PollStatus.NewItems, 3, null), (outcome.Status, outcome.NewArticles, outcome.Matched));
        Assert.Equal(3, unmatched.Count);
        Assert.Equal(0, matchedBefore);
        Assert.Equal(new[] { Id(1), Id(2), Id(3) }.Order(), ArticleBatchMessage.Parse(message).Ids.Order());
        Assert.Equal(new DrainResult(1, 0), drained);
        Assert.Equal(new[] { Id(1), Id(2) }.Order(), (await Harness.Get<IMatchStore>().ListPendingAsync("ana")).Select(p => p.ArticleId).Order());
        Assert.Equal(["ana"], Queue.Peek(QueueNames.Alerts));
        Assert.Empty(await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public async Task When_matching_in_the_poll_fails_the_articles_are_stored_unmatched_and_queued_and_the_match_stage_matches_them_later()
    {
        // A subscriber record the poll cannot read: matching there throws before anything is written.
        RunSql("UPDATE subscribers SET body = '{' WHERE id = 'bob'");

        var outcome = await PollAsync();
        var unmatched = await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10);
        await Harness.Get<ISubscriberStore>().UpsertSubscriberAsync(new Subscriber { Id = "bob", Email = "bob@example.org", Cadence = Cadence.Daily });
        var drained = await Harness.Get<QueueProcessor>().DrainAsync(QueueNames.Articles, Harness.Get<MatchArticleHandler>().HandleAsync, 1, default);

        Assert.Equal((PollStatus.NewItems, 3, null), (outcome.Status, outcome.NewArticles, outcome.Matched));
        Assert.Equal(3, unmatched.Count);
        Assert.Equal(new DrainResult(1, 0), drained);
        Assert.Equal(2, (await Harness.Get<IMatchStore>().ListPendingAsync("bob")).Count);
        Assert.Equal(["ana"], Queue.Peek(QueueNames.Alerts));
        Assert.Empty(await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public async Task Articles_matched_in_their_poll_and_delivered_again_to_the_match_stage_add_no_rows_and_send_no_second_email()
    {
        await PollAsync();
        var digests = Harness.Get<SendDigestsHandler>();
        var first = await digests.SendForAsync("ana", default);

        // As the sweep of unmatched articles, or a message queued by a poll that could not queue its alerts, would.
        await Harness.Get<MatchArticleHandler>().HandleAsync(new ArticleBatchMessage([Id(1), Id(2), Id(3)]).ToJson(), default);
        var second = await digests.SendForAsync("ana", default);

        Assert.Equal((DigestOutcomeStatus.Sent, DigestOutcomeStatus.NothingNew), (first.Status, second.Status));
        Assert.Single(Directory.GetFiles(Harness.OutboxPath, "*.eml"));
        Assert.Single(await Harness.Get<IMatchStore>().ListMatchesForArticleAsync(Id(1)));
        Assert.Equal(2, (await Harness.Get<IMatchStore>().ListPendingAsync("bob")).Count);
    }

    [Fact]
    public async Task A_term_added_while_the_polls_of_a_cycle_run_applies_from_the_next_one()
    {
        var inputs = Harness.Get<MatchInputs>();
        var weather = new ArticleText("Météo du week-end", "Du soleil.", "");
        PollOutcome outcome;
        CompiledWatchlist during;
        using (inputs.Hold())
        {
            await inputs.GetWatchlistAsync(default);
            await Harness.Get<ITermStore>().UpsertTermAsync(new WatchTerm { Id = "meteo", Name = "Météo", Query = "meteo" });
            outcome = await PollAsync();
            during = await inputs.GetWatchlistAsync(default);
        }

        var after = await inputs.GetWatchlistAsync(default);

        Assert.Equal(2, outcome.Matched?.Matches);
        Assert.Empty(during.Match(weather));
        Assert.Equal("meteo", Assert.Single(after.Match(weather)).TermId);
    }

    private async Task<PollOutcome> PollAsync()
    {
        return await Harness.Get<PollFeedHandler>().HandleAsync(await AddWireFeedAsync(), default);
    }

    /// <summary>The same setting with the match stage after the polls, as the Functions app does it.</summary>
    private sealed class ThroughTheStage() : WireFeedTests(new Dictionary<string, string?> { ["Pipeline:MatchInPoll"] = "false" })
    {
        public new Task<(CycleReport Report, string Stored)> CycleAsync() => base.CycleAsync();
    }
}
