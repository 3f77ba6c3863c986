using NewsMonitor.Storage;

namespace NewsMonitor.Azure.Tables;

/// <summary>
/// "Not relevant" reports: PartitionKey = term id, so a term's reports (the term tester's examples to exclude) are one
/// partition; RowKey = article id | subscriber id, so insert-if-absent keeps one report per (term, article, subscriber).
/// Article ids are hashes without "|", so the first "|" always ends the article id.
/// </summary>
public sealed class TableFeedbackStore(MonitorTables tables) : IFeedbackStore
{
    public async Task<bool> TryAddFeedbackAsync(ArticleFeedback feedback, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var table = await tables.GetAsync(MonitorTables.Feedback);
        var row = TableKeys.Encode(feedback.ArticleId) + "|" + TableKeys.Encode(feedback.SubscriberId);
        return await table.TryAddAsync(EntityBody.Create(TableKeys.Encode(feedback.TermId), row, feedback), ct);
    }

    public async Task<IReadOnlyList<ArticleFeedback>> ListFeedbackForTermAsync(string termId, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Feedback);
        return (await table.PartitionAsync(TableKeys.Encode(termId), ct))
            .Select(EntityBody.Read<ArticleFeedback>)
            .OrderBy(f => f.At)
            .ThenBy(f => f.ArticleId, StringComparer.Ordinal)
            .ThenBy(f => f.SubscriberId, StringComparer.Ordinal)
            .ToList();
    }
}
