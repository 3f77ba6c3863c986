namespace NewsMonitor.Storage;

public interface IFeedStore
{
    Task<IReadOnlyList<FeedSource>> ListFeedsAsync(CancellationToken ct = default);
    Task<FeedSource?> GetFeedAsync(string id, CancellationToken ct = default);

    /// <summary>Enabled feeds whose next check is at or before <paramref name="now"/> (or never checked).</summary>
    Task<IReadOnlyList<FeedSource>> ListDueFeedsAsync(DateTimeOffset now, CancellationToken ct = default);
    Task UpsertFeedAsync(FeedSource feed, CancellationToken ct = default);

    /// <summary>Adds the feed unless one with its id exists: false then, and nothing changed.</summary>
    Task<bool> TryAddFeedAsync(FeedSource feed, CancellationToken ct = default);

    /// <summary>Several feeds at once; a store that can write them in one go (one transaction, one batch) should.</summary>
    async Task UpsertFeedsAsync(IReadOnlyList<FeedSource> feeds, CancellationToken ct = default)
    {
        foreach (var feed in feeds)
        {
            await UpsertFeedAsync(feed, ct);
        }
    }
    /// <summary>
    /// Writes <paramref name="feeds"/> and deletes <paramref name="deleteIds"/> as one change: in one transaction where the store has them (SQLite: all or nothing); on Tables in
    /// transactions of 100, each idempotent, so a save cut part-way is completed by saving the same again.
    /// </summary>
    Task SaveFeedsAsync(IReadOnlyList<FeedSource> feeds, IReadOnlyCollection<string> deleteIds, CancellationToken ct = default);

    Task<bool> DeleteFeedAsync(string id, CancellationToken ct = default);
}
