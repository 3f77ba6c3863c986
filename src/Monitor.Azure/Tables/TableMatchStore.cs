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
    public async Task AddMatchAsync(TermMatchRecord match, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Matches);
        await table.TryAddAsync(EntityBody.Create(TableKeys.Encode(match.ArticleId), TableKeys.Encode(match.TermId), match), ct);
    }

    /// <summary>Each article's matches are a partition: one query per article, several at a time.</summary>
    public async Task<IReadOnlyList<TermMatchRecord>> ListMatchesForArticlesAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Matches);
        var partitions = articleIds.Distinct(StringComparer.Ordinal).Select(TableKeys.Encode).ToList();
        var found = await TableQueries.EachInParallelAsync(partitions, (partition, token) => table.PartitionAsync(partition, token), ct);
        return found.SelectMany(partition => partition)
            .Select(EntityBody.Read<TermMatchRecord>)
            .OrderBy(m => m.ArticleId, StringComparer.Ordinal)
            .ThenBy(m => m.TermId, StringComparer.Ordinal)
            .ToList();
    }

    public async Task AddPendingAsync(string subscriberId, string articleId, string termId, DateTimeOffset at, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Inbox);
        await table.TryAddAsync(InboxEntity(subscriberId, articleId, termId, at), ct);
    }

    private static TableEntity InboxEntity(string subscriberId, string articleId, string termId, DateTimeOffset at) =>
        new(TableKeys.Encode(subscriberId), InboxKey(articleId, termId))
        {
            ["ArticleId"] = articleId,
            ["TermId"] = termId,
            ["AddedAt"] = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["Delivered"] = false,
        };

    /// <summary>
    /// Matches in transactions per article (their partition), inbox rows in transactions per subscriber, 100 entities
    /// at most each, and only then the "matched" marks: a batch that fails before the marks is written again on retry,
    /// and its rows already there are skipped.
    /// </summary>
    public async Task RecordMatchesAsync(IReadOnlyList<ArticleMatches> batch, DateTimeOffset at, CancellationToken ct = default)
    {
        var matches = await tables.GetAsync(MonitorTables.Matches);
        foreach (var article in batch.Where(a => a.Matches.Count > 0))
        {
            await matches.AddAllOnceAsync(
                article.Matches.DistinctBy(m => m.TermId).Select(m => EntityBody.Create(TableKeys.Encode(m.ArticleId), TableKeys.Encode(m.TermId), m)),
                ct);
        }

        var inbox = await tables.GetAsync(MonitorTables.Inbox);
        var entries = batch.SelectMany(a => a.Inbox.Select(e => (e.SubscriberId, a.ArticleId, e.TermId))).Distinct();
        foreach (var subscriber in entries.GroupBy(e => e.SubscriberId, StringComparer.Ordinal))
        {
            await inbox.AddAllOnceAsync(subscriber.Select(e => InboxEntity(e.SubscriberId, e.ArticleId, e.TermId, at)), ct);
        }

        await new TableArticleStore(tables).MarkArticlesMatchedAsync(batch.Select(a => a.ArticleId).ToList(), at, ct);
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
        foreach (var batch in items.DistinctBy(i => (i.ArticleId, i.TermId)).Chunk(TableQueries.TransactionLimit))
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
