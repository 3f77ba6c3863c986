using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

/// <summary>Stage 1: one "feed-polls" message per due feed (timer), or per requested feed (poll now).</summary>
public sealed class SchedulePollsHandler(IFeedStore feeds, IMessageQueue queue, TimeProvider time)
{
    /// <summary>How long a scheduled feed is not scheduled again while its poll message waits in the queue.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public async Task<int> ScheduleDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await feeds.ListDueFeedsAsync(now, ct);

        // Leased before any is queued: a poll that finishes early must not have its result overwritten by the lease.
        await feeds.UpsertFeedsAsync(due.Select(feed => feed with { Health = feed.Health with { NextCheckAt = now + Lease } }).ToList(), ct);
        foreach (var feed in due)
        {
            await queue.EnqueueAsync(QueueNames.FeedPolls, feed.Id, ct);
        }

        return due.Count;
    }

    /// <summary>Poll now: every enabled feed, or the one named. Returns how many were queued (0: unknown feed).</summary>
    public async Task<int> ScheduleNowAsync(string? feedId, CancellationToken ct)
    {
        IEnumerable<FeedSource> chosen = feedId is null
            ? (await feeds.ListFeedsAsync(ct)).Where(f => f.Enabled)
            : await feeds.GetFeedAsync(feedId, ct) is { } one ? [one] : [];
        var count = 0;
        foreach (var feed in chosen)
        {
            await queue.EnqueueAsync(QueueNames.FeedPolls, feed.Id, ct);
            count++;
        }

        return count;
    }
}
