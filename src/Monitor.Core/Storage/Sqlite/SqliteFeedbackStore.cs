using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

/// <summary>"Not relevant" reports, keyed by (term, article, subscriber): a report repeated is not stored twice.</summary>
public sealed class SqliteFeedbackStore(SqliteDatabase db) : IFeedbackStore
{
    public async Task<bool> TryAddFeedbackAsync(ArticleFeedback feedback, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return await db.ExecuteAsync(
            """
            INSERT INTO feedback (term_id, article_id, subscriber_id, url, title, at) VALUES ($term, $article, $subscriber, $url, $title, $at)
            ON CONFLICT DO NOTHING
            """,
            p =>
            {
                p.AddWithValue("$term", feedback.TermId);
                p.AddWithValue("$article", feedback.ArticleId);
                p.AddWithValue("$subscriber", feedback.SubscriberId);
                p.AddWithValue("$url", feedback.Url);
                p.AddWithValue("$title", feedback.Title);
                p.AddWithValue("$at", feedback.At.Db());
            },
            ct) > 0;
    }

    public async Task<IReadOnlyList<ArticleFeedback>> ListFeedbackForTermAsync(string termId, CancellationToken ct = default) =>
        await db.QueryAsync(
            "SELECT subscriber_id, term_id, article_id, url, title, at FROM feedback WHERE term_id = $term ORDER BY at, article_id, subscriber_id",
            p => p.AddWithValue("$term", termId),
            Read,
            ct);

    private static ArticleFeedback Read(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Time("at")!.Value);
}
