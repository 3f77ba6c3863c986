using Microsoft.Data.Sqlite;
using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Storage.InProcess;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Pipeline;

/// <summary>The match stage in batches, on the embedded store: one message per feed poll, at-least-once delivery.</summary>
public sealed class MatchBatchTests() : WireFeedTests()
{
    [Fact]
    public async Task A_poll_queues_its_feed_s_new_articles_as_one_message_and_matching_it_alerts_each_immediate_subscriber_once()
    {
        var message = await PollAsync();

        var outcome = await Harness.Get<MatchArticleHandler>().HandleAsync(message, default);

        Assert.Equal(new[] { Id(1), Id(2), Id(3) }.Order(), ArticleBatchMessage.Parse(message).Ids.Order());
        Assert.Equal((3, 2), (outcome.Articles.Count, outcome.Matches));
        Assert.Equal(["ana"], Queue.Peek(QueueNames.Alerts));
        Assert.Equal(2, (await Harness.Get<IMatchStore>().ListPendingAsync("ana")).Count);
        Assert.Equal(2, (await Harness.Get<IMatchStore>().ListPendingAsync("bob")).Count);
        Assert.Empty(await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public async Task A_redelivered_batch_adds_no_rows_and_sends_no_second_email()
    {
        var message = await PollAsync();
        var match = Harness.Get<MatchArticleHandler>();
        var digests = Harness.Get<SendDigestsHandler>();

        await match.HandleAsync(message, default);
        var first = await digests.SendForAsync("ana", default);
        await match.HandleAsync(message, default);
        var second = await digests.SendForAsync("ana", default);

        Assert.Equal(DigestOutcomeStatus.Sent, first.Status);
        Assert.Equal(DigestOutcomeStatus.NothingNew, second.Status);
        Assert.Single(Directory.GetFiles(Harness.OutboxPath, "*.eml"));
        Assert.Single(await Harness.Get<IMatchStore>().ListMatchesForArticleAsync(Id(1)));
        Assert.Equal(2, (await Harness.Get<IMatchStore>().ListPendingAsync("bob")).Count);
    }

    [Fact]
    public async Task A_batch_that_fails_part_way_through_its_write_leaves_nothing_half_done_and_its_retry_stores_everything_once()
    {
        var message = await PollAsync();
        var match = Harness.Get<MatchArticleHandler>();
        // The store fails on the inbox row of the second matching article, after the first one's rows are written.
        RunSql($"CREATE TRIGGER fail_second BEFORE INSERT ON pending WHEN NEW.article_id = '{Id(2)}' BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        var error = await Assert.ThrowsAsync<SqliteException>(() => match.HandleAsync(message, default));
        var afterFailure = (await Harness.Get<IMatchStore>().ListMatchesForArticleAsync(Id(1))).Count;
        var unmatched = await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10);
        RunSql("DROP TRIGGER fail_second");
        await match.HandleAsync(message, default);

        Assert.Contains("disk full", error.Message);
        Assert.Equal(0, afterFailure);
        Assert.Equal(3, unmatched.Count);
        Assert.Equal(["ana"], Queue.Peek(QueueNames.Alerts));
        Assert.Equal(new[] { Id(1), Id(2) }.Order(), (await Harness.Get<IMatchStore>().ListPendingAsync("ana")).Select(p => p.ArticleId).Order());
        Assert.Single(await Harness.Get<IMatchStore>().ListMatchesForArticleAsync(Id(2)));
        Assert.Empty(await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public async Task A_message_of_the_shape_before_batches_a_bare_article_id_is_matched()
    {
        await PollAsync();
        await Queue.EnqueueAsync(QueueNames.Articles, Id(1));
        var match = Harness.Get<MatchArticleHandler>();

        var drained = await Harness.Get<QueueProcessor>().DrainAsync(QueueNames.Articles, match.HandleAsync, 1, default);

        Assert.Equal(new DrainResult(1, 0), drained);
        Assert.Equal("mistral", Assert.Single(await Harness.Get<IMatchStore>().ListMatchesForArticleAsync(Id(1))).TermId);
        Assert.Equal(new[] { Id(2), Id(3) }.Order(), (await Harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(10)).Order());
        Assert.Equal(["ana"], Queue.Peek(QueueNames.Alerts));
    }

    [Fact]
    public void A_long_list_of_ids_is_split_into_messages_that_fit_a_queue_and_keep_every_id_in_order()
    {
        var ids = Enumerable.Range(0, 5000).Select(i => ArticleIdentity.ForUrl(new Uri($"https://wire.example/{i}"))).ToList();

        var messages = ArticleBatchMessage.Split(ids).Select(m => m.ToJson()).ToList();

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(m), 1, ArticleBatchMessage.MaxBytes));
        Assert.Equal(ids, messages.SelectMany(m => ArticleBatchMessage.Parse(m).Ids));
    }

    [Fact]
    public void A_batch_message_of_an_unknown_version_is_refused_with_a_readable_error()
    {
        var error = Assert.Throws<FormatException>(() => ArticleBatchMessage.Parse("""{"v":2,"ids":["a"]}"""));

        Assert.Contains("\"v\":1", error.Message);
    }

    /// <summary>Polls the feed and takes the one message it queued on "articles".</summary>
    private async Task<string> PollAsync()
    {
        await Harness.Get<PollFeedHandler>().HandleAsync(await AddWireFeedAsync(), default);
        var message = Assert.Single(Queue.Peek(QueueNames.Articles));
        while (await Queue.ReceiveAsync(QueueNames.Articles) is not null)
        {
        }

        return message;
    }
}
