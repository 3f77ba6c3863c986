using Azure;
using Azure.Data.Tables;
using NewsMonitor.Storage;

namespace NewsMonitor.Azure.Tables;

/// <summary>
/// Watchlist terms: one partition ("term"), RowKey = term id. The watchlist is read whole and kept in the
/// order terms were added (Position). Updating a term keeps its position: the read-modify-write is guarded
/// by the entity's ETag, and a new term's position by AddEntity's conflict, so concurrent writers retry.
/// </summary>
public sealed class TableTermStore(MonitorTables tables) : ITermStore
{
    private const string Partition = "term";
    private const string Position = "Position";

    public async Task<IReadOnlyList<WatchTerm>> ListTermsAsync(CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Terms);
        return (await table.PartitionAsync(Partition, ct))
            .Select(e => (Position: e.GetInt64(Position) ?? 0, Term: EntityBody.Read<WatchTerm>(e)))
            .OrderBy(p => p.Position)
            .ThenBy(p => p.Term.Id, StringComparer.Ordinal)
            .Select(p => p.Term)
            .ToList();
    }

    public async Task<WatchTerm?> GetTermAsync(string id, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Terms);
        return await table.FindAsync(Partition, TableKeys.Encode(id), ct) is { } entity ? EntityBody.Read<WatchTerm>(entity) : null;
    }

    public async Task UpsertTermAsync(WatchTerm term, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Terms);
        var key = TableKeys.Encode(term.Id);
        while (true)
        {
            var entity = EntityBody.Create(Partition, key, term);
            try
            {
                if (await table.FindAsync(Partition, key, ct) is { } existing)
                {
                    entity[Position] = existing.GetInt64(Position) ?? 0;
                    await table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, ct);
                    return;
                }

                var all = await table.PartitionAsync(Partition, ct);
                entity[Position] = all.Count == 0 ? 1L : all.Max(e => e.GetInt64(Position) ?? 0) + 1;
                await table.AddEntityAsync(entity, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // Another writer changed, added or deleted this term since we read it: read again.
            }
        }
    }

    /// <summary>AddEntity fails with 409 on an existing id, so of several clients adding one id, one wins.</summary>
    public async Task<bool> TryAddTermAsync(WatchTerm term, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Terms);
        var entity = EntityBody.Create(Partition, TableKeys.Encode(term.Id), term);
        var all = await table.PartitionAsync(Partition, ct);
        entity[Position] = all.Count == 0 ? 1L : all.Max(e => e.GetInt64(Position) ?? 0) + 1;
        return await table.TryAddAsync(entity, ct);
    }

    /// <summary>
    /// Known terms keep their position and new ones follow the last, in the order given, so saving the same terms again
    /// after a save cut part-way keeps the order the first one began to write.
    /// </summary>
    public async Task SaveTermsAsync(IReadOnlyList<WatchTerm> terms, IReadOnlyCollection<string> deleteIds, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Terms);
        var positions = (await table.PartitionAsync(Partition, ct)).ToDictionary(e => e.RowKey, e => e.GetInt64(Position) ?? 0, StringComparer.Ordinal);
        var next = positions.Count == 0 ? 1L : positions.Values.Max() + 1;
        var entities = terms.Select(term =>
        {
            var key = TableKeys.Encode(term.Id);
            var entity = EntityBody.Create(Partition, key, term);
            if (!positions.TryGetValue(key, out var position))
            {
                positions[key] = position = next++;
            }

            entity[Position] = position;
            return entity;
        }).ToList();
        await table.UpsertInTransactionsAsync(entities, ct);
        await table.RemoveAllAsync(Partition, deleteIds.Select(TableKeys.Encode), ct);
    }

    public async Task<bool> DeleteTermAsync(string id, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Terms);
        return await table.RemoveAsync(Partition, TableKeys.Encode(id), ct);
    }
}
