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
}
