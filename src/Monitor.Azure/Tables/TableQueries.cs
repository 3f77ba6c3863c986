using Azure;
using Azure.Data.Tables;

namespace NewsMonitor.Azure.Tables;

/// <summary>The few table operations every store repeats.</summary>
internal static class TableQueries
{
    public static async Task<List<TableEntity>> PartitionAsync(this TableClient table, string partitionKey, CancellationToken ct, string? extraFilter = null)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        if (extraFilter is not null)
        {
            filter += " and " + extraFilter;
        }

        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            rows.Add(entity);
        }

        return rows;
    }

    public static async Task<TableEntity?> FindAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>One request per key, <see cref="MonitorTables.ParallelRequests"/> at a time; the answers in the keys' order.</summary>
    public static async Task<TResult[]> EachInParallelAsync<TKey, TResult>(IReadOnlyList<TKey> keys, Func<TKey, CancellationToken, Task<TResult>> request, CancellationToken ct)
    {
        var answers = new TResult[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MonitorTables.ParallelRequests, CancellationToken = ct },
            async (i, token) => answers[i] = await request(keys[i], token));
        return answers;
    }

    /// <summary>Point reads of many entities, several at a time; null where there is none.</summary>
    public static Task<TableEntity?[]> FindEachAsync(this TableClient table, IReadOnlyList<(string PartitionKey, string RowKey)> keys, CancellationToken ct) =>
        EachInParallelAsync(keys, (key, token) => table.FindAsync(key.PartitionKey, key.RowKey, token), ct);

    /// <summary>Inserts unless the entity exists; false when it did (a write that must happen once).</summary>
    public static async Task<bool> TryAddAsync(this TableClient table, TableEntity entity, CancellationToken ct)
    {
        try
        {
            await table.AddEntityAsync(entity, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes entities of one partition, a hundred (the most a table transaction takes) to a request. A transaction may
    /// name an entity once, so an entity given twice is written as its last version. Each transaction stands alone: when
    /// one fails, those before it stay written, and writing the same entities again completes the change.
    /// </summary>
    public static async Task UpsertInTransactionsAsync(this TableClient table, IEnumerable<TableEntity> entities, CancellationToken ct)
    {
        var latest = entities.GroupBy(e => e.RowKey, StringComparer.Ordinal).Select(versions => versions.Last());
        foreach (var batch in latest.Chunk(TransactionLimit))
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
        }
    }

    /// <summary>Deletes entities of one partition, a hundred to a request; one already gone is no error (a delete repeated).</summary>
    public static async Task RemoveAllAsync(this TableClient table, string partitionKey, IEnumerable<string> rowKeys, CancellationToken ct)
    {
        foreach (var batch in rowKeys.Distinct(StringComparer.Ordinal).Chunk(TransactionLimit))
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, key), ETag.All)), ct);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Some were gone already, which fails the whole transaction: delete this batch one by one.
                foreach (var key in batch)
                {
                    await table.RemoveAsync(partitionKey, key, ct);
                }
            }
        }
    }

    /// <summary>Deletes the entity; false when there was none.</summary>
    public static async Task<bool> RemoveAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken ct)
    {
        try
        {
            var response = await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, ct);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>An entity group transaction holds at most 100 entities, all of one partition.</summary>
    public const int TransactionLimit = 100;

    /// <summary>
    /// Inserts the entities of one partition that do not exist yet, 100 to a transaction. A transaction fails whole
    /// when one of its entities exists (a retry after a write that failed part-way); that chunk is then added one by one.
    /// </summary>
    public static async Task AddAllOnceAsync(this TableClient table, IEnumerable<TableEntity> entities, CancellationToken ct)
    {
        foreach (var chunk in entities.Chunk(TransactionLimit))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                foreach (var entity in chunk)
                {
                    await table.TryAddAsync(entity, ct);
                }
            }
        }
    }
}
