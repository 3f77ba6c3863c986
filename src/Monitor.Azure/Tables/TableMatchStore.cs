using System.Globalization;
using Azure;
using Azure.Data.Tables;
using NewsMonitor.Storage;

namespace NewsMonitor.Azure.Tables;

/// <summary>
/// Matches and inboxes:
/// <list type="bullet">
/// <item>Matches: PartitionKey = article id, RowKey = term id, so "the matches of an article" (digest
/// composition) is one partition, and AddEntity's conflict makes a redelivered article add nothing.</item>
/// <item>Inbox: PartitionKey = subscriber id, RowKey = article id | term id. "Undelivered items of a
/// subscriber" is one partition filtered on Delivered; delivered items stay (marked with their digest key)
/// so a redelivered match cannot put them back in the inbox. Marking is one batch per 100 items.</item>
/// </list>
/// </summary>
public sealed class TableMatchStore(MonitorTables tables) : IMatchStore
{
    private const int BatchLimit = 100;

    public async Task AddMatchAsync(TermMatchRecord match, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Matches);
        await table.TryAddAsync(EntityBody.Create(TableKeys.Encode(match.ArticleId), TableKeys.Encode(match.TermId), match), ct);
    }

    public async Task<IReadOnlyList<TermMatchRecord>> ListMatchesForArticleAsync(string articleId, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Matches);
        return (await table.PartitionAsync(TableKeys.Encode(articleId), ct))
            .Select(EntityBody.Read<TermMatchRecord>)
            .OrderBy(m => m.TermId, StringComparer.Ordinal)
            .ToList();
    }

    public async Task AddPendingAsync(string subscriberId, string articleId, string termId, DateTimeOffset at, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Inbox);
        await table.TryAddAsync(
            new TableEntity(TableKeys.Encode(subscriberId), InboxKey(articleId, termId))
            {
                ["ArticleId"] = articleId,
                ["TermId"] = termId,
                ["AddedAt"] = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                ["Delivered"] = false,
            },
            ct);
    }

    public async Task<IReadOnlyList<PendingItem>> ListPendingAsync(string subscriberId, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Inbox);
        return (await table.PartitionAsync(TableKeys.Encode(subscriberId), ct, "Delivered eq false"))
            .Select(e => new PendingItem(subscriberId, e.GetString("ArticleId"), e.GetString("TermId"), DateTimeOffset.Parse(e.GetString("AddedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)))
            .OrderBy(p => p.AddedAt)
            .ThenBy(p => p.ArticleId, StringComparer.Ordinal)
            .ThenBy(p => p.TermId, StringComparer.Ordinal)
            .ToList();
    }

    public async Task MarkDeliveredAsync(string subscriberId, IReadOnlyCollection<PendingItem> items, string digestKey, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Inbox);
        var partition = TableKeys.Encode(subscriberId);
        foreach (var batch in items.DistinctBy(i => (i.ArticleId, i.TermId)).Chunk(BatchLimit))
        {
            var actions = batch.Select(item => new TableTransactionAction(
                TableTransactionActionType.UpdateMerge,
                new TableEntity(partition, InboxKey(item.ArticleId, item.TermId)) { ["Delivered"] = true, ["DigestKey"] = digestKey },
                ETag.All));
            await table.SubmitTransactionAsync(actions, ct);
        }
    }

    private static string InboxKey(string articleId, string termId) => TableKeys.Encode(articleId) + "|" + TableKeys.Encode(termId);
}
