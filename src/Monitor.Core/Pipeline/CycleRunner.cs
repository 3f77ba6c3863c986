using Microsoft.Extensions.Options;
using NewsMonitor.Feeds;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

/// <summary>What one full cycle did, for the person who ran it.</summary>
public sealed record CycleReport(
    int FeedsScheduled,
    IReadOnlyList<PollOutcome> Polls,
    int ArticlesMatched,
    int Matches,
    IReadOnlyList<DigestOutcome> Digests,
    int Poisoned)
{
    public int NewArticles => Polls.Sum(p => p.NewArticles);
    public int FeedsFailed => Polls.Count(p => p.Status == PollStatus.Failed);
    public int MessagesSent => Digests.Count(d => d.Status == DigestOutcomeStatus.Sent);
    public int DigestsFailed => Digests.Count(d => d.Status == DigestOutcomeStatus.Failed);

    /// <summary>
    /// What the cycle has to say about each subscriber: every message sent or failed, then, for a subscriber none
    /// failed for, its last outcome when that is something held back (quiet hours, the next period, a retry).
    /// </summary>
    public IReadOnlyList<DigestOutcome> Said
    {
        get
        {
            var failed = Digests.Where(d => d.Status == DigestOutcomeStatus.Failed).Select(d => d.SubscriberId).ToHashSet(StringComparer.Ordinal);
            var held = Digests
                .GroupBy(d => d.SubscriberId, StringComparer.Ordinal)
                .Select(g => g.Last())
                .Where(d => !failed.Contains(d.SubscriberId) && IsHeldBack(d));
            return Digests.Where(d => d.Status is DigestOutcomeStatus.Sent or DigestOutcomeStatus.Failed).Concat(held).ToList();
        }
    }

    /// <summary>Subscribers the cycle sent nothing to and holds nothing back for: nothing was waiting.</summary>
    public int NothingWaiting => Digests
        .GroupBy(d => d.SubscriberId, StringComparer.Ordinal)
        .Count(g => g.All(d => d.Status is DigestOutcomeStatus.NothingNew or DigestOutcomeStatus.AlreadySent || (d.Status == DigestOutcomeStatus.NotDue && d.Articles == 0)));

    private static bool IsHeldBack(DigestOutcome outcome) => outcome.Status switch
    {
        DigestOutcomeStatus.Deferred or DigestOutcomeStatus.WaitingForRetry or DigestOutcomeStatus.InProgress => true,
        DigestOutcomeStatus.NotDue => outcome.Articles > 0,
        _ => false,
    };
}

/// <summary>
/// One cycle of the five stages on one machine (the `run-once` verb): schedule, poll, match, alert,
/// compose and deliver, each queue drained before the next stage starts.
/// </summary>
public sealed class CycleRunner(
    SchedulePollsHandler schedule,
    PollFeedHandler poll,
    MatchArticleHandler match,
    SendDigestsHandler digests,
    QueueProcessor processor,
    MatchInputs matchInputs,
    IArticleStore articles,
    IMessageQueue queue,
    IOptions<FeedFetchOptions> feedOptions)
{
    /// <param name="progress">told of each stage and feed as the cycle goes, when someone watches; null costs nothing.</param>
    public async Task<CycleReport> RunAsync(CancellationToken ct, ICycleProgress? progress = null)
    {
        // Articles stored but never matched (a crash between stages) go through matching again.
        await ArticleBatchMessage.EnqueueAsync(queue, await articles.ListUnmatchedArticleIdsAsync(10_000, ct), ct);

        var scheduled = await schedule.ScheduleDueAsync(ct);
        progress?.StageStarted(CycleStage.Polling, scheduled);
        var polls = new List<PollOutcome>();

        // The polls that match their articles read the watchlist and subscribers once between them, not once a feed.
        DrainResult pollDrain;
        using (matchInputs.Hold())
        {
            pollDrain = await processor.DrainAsync(
                QueueNames.FeedPolls,
                async (id, token) =>
                {
                    var outcome = await poll.HandleAsync(id, token, progress);
                    progress?.FeedFinished(outcome);
                    lock (polls)
                    {
                        polls.Add(outcome);
                    }
                },
                feedOptions.Value.MaxConcurrency,
                ct);
        }

        // With matching in the poll, most articles were matched there (NewArticleHandoff); the queue holds the rest.
        var matched = polls.Sum(p => p.Matched?.Articles.Count ?? 0);
        var matchCount = polls.Sum(p => p.Matched?.Matches ?? 0);
        progress?.StageStarted(CycleStage.Matching, 0);
        progress?.ArticlesMatched(matched);
        var matchDrain = await processor.DrainAsync(
            QueueNames.Articles,
            async (message, token) =>
            {
                var outcome = await match.HandleAsync(message, token);
                Interlocked.Add(ref matched, outcome.Articles.Count);
                Interlocked.Add(ref matchCount, outcome.Matches);
                progress?.ArticlesMatched(outcome.Articles.Count);
            },
            1,
            ct);

        progress?.StageStarted(CycleStage.Digests, 0);
        var sent = new List<DigestOutcome>();
        var alerted = new HashSet<string>(StringComparer.Ordinal);
        var alertDrain = await processor.DrainAsync(
            QueueNames.Alerts,
            async (id, token) =>
            {
                // Each feed batch with a match queues an alert, so a first cycle over many feeds leaves hundreds of
                // messages for one subscriber: the first sends everything waiting, the rest would each read an empty
                // inbox. They are taken off the queue unhandled; whatever arrived after the first is sent by
                // SendDueAsync below, which goes over every subscriber. (The drain is sequential: concurrency 1.)
                if (!alerted.Add(id))
                {
                    return;
                }

                // A failed alert is reported, not thrown: its claim keeps it for the retry after the lease, so
                // redelivering the message now would only find the claim taken and hide the failure.
                sent.Add(await digests.SendForAsync(id, token));
            },
            1,
            ct);

        sent.AddRange(await digests.SendDueAsync(ct));
        return new CycleReport(scheduled, polls, matched, matchCount, sent, pollDrain.Poisoned + matchDrain.Poisoned + alertDrain.Poisoned);
    }
}
