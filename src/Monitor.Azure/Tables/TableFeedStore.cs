using Azure.Data.Tables;
using NewsMonitor.Storage;

namespace NewsMonitor.Azure.Tables;

/// <summary>
/// Feeds: one partition ("feed"), RowKey = feed id. There are tens to hundreds of feeds, read together by
/// the scheduler; one partition makes "due feeds" a single query filtered on Enabled and DueAt (the next
/// check, or the earliest date a table holds for a feed never checked, since tables cannot filter on null).
/// </summary>
public sealed class TableFeedStore(MonitorTables tables) : IFeedStore
{
    private const string Partition = "feed";
    private static readonly DateTimeOffset NeverChecked = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<FeedSource>> ListFeedsAsync(CancellationToken ct = default) =>
        (await ReadAsync(null, ct)).OrderBy(f => f.Url, StringComparer.Ordinal).ToList();

    public async Task<FeedSource?> GetFeedAsync(string id, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Feeds);
        return await table.FindAsync(Partition, TableKeys.Encode(id), ct) is { } entity ? EntityBody.Read<FeedSource>(entity) : null;
    }

    public async Task<IReadOnlyList<FeedSource>> ListDueFeedsAsync(DateTimeOffset now, CancellationToken ct = default) =>
        (await ReadAsync(TableClient.CreateQueryFilter($"Enabled eq true and DueAt le {now.ToUniversalTime()}"), ct))
            .OrderBy(f => f.Health.NextCheckAt ?? NeverChecked)
            .ToList();

    public async Task UpsertFeedAsync(FeedSource feed, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Feeds);
        await table.UpsertEntityAsync(Entity(feed), TableUpdateMode.Replace, ct);
    }

    public async Task<bool> TryAddFeedAsync(FeedSource feed, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Feeds);
        return await table.TryAddAsync(Entity(feed), ct);
    }

    /// <summary>
    /// Every feed shares the partition, so a hundred feeds go in one request: the scheduler leases a cycle's due feeds
    /// in a few round trips, not one per feed.
    /// </summary>
    public Task UpsertFeedsAsync(IReadOnlyList<FeedSource> feeds, CancellationToken ct = default) => SaveFeedsAsync(feeds, [], ct);

    public async Task SaveFeedsAsync(IReadOnlyList<FeedSource> feeds, IReadOnlyCollection<string> deleteIds, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Feeds);
        await table.UpsertInTransactionsAsync(feeds.Select(Entity), ct);
        await table.RemoveAllAsync(Partition, deleteIds.Select(TableKeys.Encode), ct);
    }

    private static TableEntity Entity(FeedSource feed)
    {
        var entity = EntityBody.Create(Partition, TableKeys.Encode(feed.Id), feed);
        entity["Enabled"] = feed.Enabled;
        entity["DueAt"] = (feed.Health.NextCheckAt ?? NeverChecked).ToUniversalTime();
        return entity;
    }

    public async Task<bool> DeleteFeedAsync(string id, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Feeds);
        return await table.RemoveAsync(Partition, TableKeys.Encode(id), ct);
    }

    private async Task<List<FeedSource>> ReadAsync(string? filter, CancellationToken ct)
    {
        var table = await tables.GetAsync(MonitorTables.Feeds);
        return (await table.PartitionAsync(Partition, ct, filter)).Select(EntityBody.Read<FeedSource>).ToList();
    }
}
