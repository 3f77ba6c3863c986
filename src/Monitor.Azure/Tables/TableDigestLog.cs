using Azure;
using Azure.Data.Tables;
using NewsMonitor.Storage;

namespace NewsMonitor.Azure.Tables;

/// <summary>
/// Digests: PartitionKey = subscriber id, RowKey = period, so the digest key (subscriber, period) is the
/// entity's key. The claim is atomic: AddEntity wins for exactly one sender; a stale "Sending" claim is
/// taken over with an If-Match on the ETag that was read, so of two senders taking it over only one wins.
/// </summary>
public sealed class TableDigestLog(MonitorTables tables) : IDigestLog
{
    private const string Status = "Status";

    public async Task<DigestRecord?> GetDigestAsync(string subscriberId, string period, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Digests);
        return await table.FindAsync(TableKeys.Encode(subscriberId), TableKeys.Encode(period), ct) is { } entity ? EntityBody.Read<DigestRecord>(entity) : null;
    }

    public async Task<DigestRecord?> GetLastDigestAsync(string subscriberId, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Digests);
        return (await table.PartitionAsync(TableKeys.Encode(subscriberId), ct))
            .Select(EntityBody.Read<DigestRecord>)
            .MaxBy(d => d.UpdatedAt);
    }

    public async Task SaveDigestAsync(DigestRecord record, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Digests);
        await table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, ct);
    }

    public async Task<bool> TryBeginAsync(DigestRecord sending, DateTimeOffset staleBefore, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Digests);
        var claim = ToEntity(sending with { Status = DigestStatus.Sending });
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await table.TryAddAsync(claim, ct))
            {
                return true;
            }

            if (await table.FindAsync(claim.PartitionKey, claim.RowKey, ct) is not { } existing)
            {
                continue; // deleted since the conflict: try to add again
            }

            var current = EntityBody.Read<DigestRecord>(existing);
            if (current.Status != DigestStatus.Sending || current.UpdatedAt >= staleBefore)
            {
                return false;
            }

            try
            {
                await table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                return false; // another sender took the stale claim over first
            }
        }

        return false;
    }

    private static TableEntity ToEntity(DigestRecord record)
    {
        var entity = EntityBody.Create(TableKeys.Encode(record.SubscriberId), TableKeys.Encode(record.Period), record);
        entity[Status] = record.Status.ToString();
        return entity;
    }
}
