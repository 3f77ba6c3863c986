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
    private const int MaxTransaction = 100;
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

    /// <summary>
    /// Every feed shares the partition, so a hundred feeds (the most a table transaction takes) go in one request:
    /// the scheduler leases a cycle's due feeds in a few round trips, not one per feed. A transaction may name an
    /// entity once, so a feed given twice is written as its last version.
    /// </summary>
    public async Task UpsertFeedsAsync(IReadOnlyList<FeedSource> feeds, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Feeds);
        var latest = feeds.GroupBy(f => f.Id, StringComparer.Ordinal).Select(versions => versions.Last());
        foreach (var batch in latest.Chunk(MaxTransaction))
        {
            await table.SubmitTransactionAsync(batch.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(f))), ct);
        }
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
