using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// One story once per subscriber: the story keys a subscriber was sent are kept in the digest log (period
/// "story-" and the key, status Sent), and a later article of such a story (a syndicated copy, an update from
/// another outlet) is left out of the next digest rather than sent as new. Articles of one story that arrive
/// together still make one entry with "also reported by" (<see cref="DigestBuilder"/>).
/// </summary>
public sealed class DeliveredStories(IDigestLog log, IMatchStore matches)
{
    /// <summary>The reserved period prefix under which a delivered story is recorded.</summary>
    public const string PeriodPrefix = "story-";

    /// <summary>The digest key the left-out rows are marked delivered with: they leave the inbox, sent with the story before.</summary>
    public const string RepeatPeriod = "story-repeat";

    /// <summary>What is waiting, without the articles of stories already sent to the subscriber, and those rows.</summary>
    public async Task<(PendingDigest Fresh, IReadOnlyList<PendingItem> Repeats)> SplitAsync(string subscriberId, PendingDigest pending, CancellationToken ct)
    {
        var stories = pending.Items.Where(i => i.Article.StoryKey is not null).GroupBy(i => i.Article.StoryKey!, StringComparer.Ordinal).ToList();
        var sent = (await log.GetDigestsAsync(subscriberId, stories.Select(s => PeriodPrefix + s.Key).ToList(), ct))
            .Where(d => d.Status == DigestStatus.Sent)
            .Select(d => d.Period)
            .ToHashSet(StringComparer.Ordinal);
        var repeated = stories.Where(s => sent.Contains(PeriodPrefix + s.Key)).SelectMany(s => s.Select(i => i.Article.Id)).ToHashSet(StringComparer.Ordinal);

        if (repeated.Count == 0)
        {
            return (pending, []);
        }

        var fresh = pending with
        {
            Items = pending.Items.Where(i => !repeated.Contains(i.Article.Id)).ToList(),
            Pending = pending.Pending.Where(p => !repeated.Contains(p.ArticleId)).ToList(),
        };
        return (fresh, pending.Pending.Where(p => repeated.Contains(p.ArticleId)).ToList());
    }

    /// <summary>Takes the left-out rows out of the inbox.</summary>
    public Task LeaveOutAsync(string subscriberId, IReadOnlyList<PendingItem> repeats, CancellationToken ct) =>
        repeats.Count == 0 ? Task.CompletedTask : matches.MarkDeliveredAsync(subscriberId, repeats, $"{subscriberId}/{RepeatPeriod}", ct);

    /// <summary>Records the stories a sent digest carried (after the sender accepted it).</summary>
    public Task RecordAsync(string subscriberId, PendingDigest sent, DateTimeOffset at, CancellationToken ct) =>
        log.SaveDigestsAsync(
            subscriberId,
            sent.Items.Select(i => i.Article.StoryKey).OfType<string>().Distinct(StringComparer.Ordinal)
                .Select(key => new DigestRecord { SubscriberId = subscriberId, Period = PeriodPrefix + key, Status = DigestStatus.Sent, UpdatedAt = at })
                .ToList(),
            ct);
}
