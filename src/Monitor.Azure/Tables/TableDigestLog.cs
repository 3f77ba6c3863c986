using System.Globalization;
using Azure;
using Azure.Data.Tables;
using NewsMonitor.Storage;

namespace NewsMonitor.Azure.Tables;

/// <summary>
/// Digests: PartitionKey = subscriber id, RowKey = period, so the digest key (subscriber, period) is the
/// entity's key. The claim is atomic: AddEntity wins for exactly one sender; a stale "Sending" claim is
/// taken over with an If-Match on the ETag that was read, so of two senders taking it over only one wins.
/// The items a digest was claimed with live in the claim entity itself, written with it in one insert: one
/// "article id TAB term id TAB ticks" line per item, cut into properties of <see cref="EntityBody.ChunkChars"/>
/// (Items0, Items1, …) within the entity's 1 MiB. A takeover merges, so it keeps them; the final "Sent"
/// record replaces the entity and drops them (the inbox rows then carry the digest key).
/// </summary>
public sealed class TableDigestLog(MonitorTables tables) : IDigestLog
{
    private const string Status = "Status";
    private const string Items = "Items";
    private const string ItemChunks = "ItemChunks";

    /// <summary>What the items may take in an entity, beside the record itself (UTF-16, so 2 bytes a character).</summary>
    public const int MaxItemChars = 400_000;

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

    public async Task<bool> HasSentAsync(string subscriberId, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Digests);
        return (await table.PartitionAsync(TableKeys.Encode(subscriberId), ct, TableClient.CreateQueryFilter($"Status eq {nameof(DigestStatus.Sent)}"))).Count > 0;
    }

    /// <summary>Point reads, several at a time: the subscriber's partition also holds every story ever sent to them.</summary>
    public async Task<IReadOnlyList<DigestRecord>> GetDigestsAsync(string subscriberId, IReadOnlyCollection<string> periods, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Digests);
        var keys = periods.Distinct(StringComparer.Ordinal).Select(p => (TableKeys.Encode(subscriberId), TableKeys.Encode(p))).ToList();
        return (await table.FindEachAsync(keys, ct)).OfType<TableEntity>().Select(EntityBody.Read<DigestRecord>).ToList();
    }

    public async Task SaveDigestAsync(DigestRecord record, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Digests);
        await table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, ct);
    }

    /// <summary>The subscriber's partition, 100 records to a transaction.</summary>
    public async Task SaveDigestsAsync(string subscriberId, IReadOnlyCollection<DigestRecord> records, CancellationToken ct = default)
    {
        DigestRecord.EnsureAllOf(subscriberId, records);

        var table = await tables.GetAsync(MonitorTables.Digests);
        await table.UpsertInTransactionsAsync(records.Select(ToEntity), ct);
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
                // Merge, not replace: the claim's items stay with it.
                await table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Merge, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                return false; // another sender took the stale claim over first
            }
        }

        return false;
    }

    public async Task<bool> TryClaimAsync(DigestRecord sending, IReadOnlyCollection<PendingItem> items, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Digests);
        var claim = ToEntity(sending with { Status = DigestStatus.Sending });
        var text = string.Concat(items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.ArticleId}\t{i.TermId}\t{i.AddedAt.UtcTicks}\n")));
        if (text.Length > MaxItemChars)
        {
            throw new ArgumentException($"The digest's items take {text.Length} characters; a claim holds at most {MaxItemChars}.", nameof(items));
        }

        var chunks = (text.Length + EntityBody.ChunkChars - 1) / EntityBody.ChunkChars;
        for (var i = 0; i < chunks; i++)
        {
            claim[Items + i] = text.Substring(i * EntityBody.ChunkChars, Math.Min(EntityBody.ChunkChars, text.Length - (i * EntityBody.ChunkChars)));
        }

        claim[ItemChunks] = chunks;
        return await table.TryAddAsync(claim, ct);
    }

    public async Task<IReadOnlyList<PendingItem>> GetClaimedItemsAsync(string subscriberId, string period, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Digests);
        if (await table.FindAsync(TableKeys.Encode(subscriberId), TableKeys.Encode(period), ct) is not { } entity || entity.GetInt32(ItemChunks) is not { } chunks)
        {
            return [];
        }

        var text = string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(Items + i)));
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Select(f => new PendingItem(subscriberId, f[0], f[1], new DateTimeOffset(long.Parse(f[2], CultureInfo.InvariantCulture), TimeSpan.Zero)))
            .ToList();
    }

    public async Task RecordFailureAsync(string subscriberId, string period, string error, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Digests);
        if (await table.FindAsync(TableKeys.Encode(subscriberId), TableKeys.Encode(period), ct) is not { } existing
            || EntityBody.Read<DigestRecord>(existing) is not { Status: DigestStatus.Sending } claim)
        {
            return;
        }

        try
        {
            // Merge on the ETag read: the claim's items stay, and a claim taken over or confirmed meanwhile is left alone.
            await table.UpdateEntityAsync(ToEntity(claim with { LastError = error }), existing.ETag, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Another run took the claim over or confirmed it meanwhile: its own outcome is what counts now.
        }
    }

    public async Task<IReadOnlyList<DigestRecord>> ListUnconfirmedAsync(string subscriberId, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Digests);
        return (await table.PartitionAsync(TableKeys.Encode(subscriberId), ct, TableClient.CreateQueryFilter($"Status eq {nameof(DigestStatus.Sending)}")))
            .Select(EntityBody.Read<DigestRecord>)
            .OrderBy(d => d.UpdatedAt)
            .ThenBy(d => d.Period, StringComparer.Ordinal)
            .ToList();
    }

    private static TableEntity ToEntity(DigestRecord record)
    {
        var entity = EntityBody.Create(TableKeys.Encode(record.SubscriberId), TableKeys.Encode(record.Period), record);
        entity[Status] = record.Status.ToString();
        return entity;
    }
}
