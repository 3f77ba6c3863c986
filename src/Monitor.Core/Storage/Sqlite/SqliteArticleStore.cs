using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

public sealed class SqliteArticleStore(SqliteDatabase db) : IArticleStore
{
    public async Task<bool> TryAddArticleAsync(Article article, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            INSERT INTO articles (id, feed_id, url, guid, title, summary, content, author, published, fetched_at, story_key, source)
            VALUES ($id, $feed, $url, $guid, $title, $summary, $content, $author, $published, $fetched, $story, $source)
            ON CONFLICT(id) DO NOTHING
            """,
            p =>
            {
                p.AddWithValue("$id", article.Id);
                p.AddWithValue("$feed", article.FeedId);
                p.AddWithValue("$url", article.Url);
                p.AddWithValue("$guid", article.Guid.Db());
                p.AddWithValue("$title", article.Title);
                p.AddWithValue("$summary", article.Summary);
                p.AddWithValue("$content", article.Content);
                p.AddWithValue("$author", article.Author.Db());
                p.AddWithValue("$published", article.Published.Db());
                p.AddWithValue("$fetched", article.FetchedAt.Db());
                p.AddWithValue("$story", article.StoryKey.Db());
                p.AddWithValue("$source", article.Source.Db());
            },
            ct) > 0;

    public async Task<Article?> GetArticleAsync(string id, CancellationToken ct = default) =>
        (await db.QueryAsync("SELECT * FROM articles WHERE id = $id", p => p.AddWithValue("$id", id), Read, ct)).SingleOrDefault();

    public async Task<IReadOnlyList<string>> ListUnmatchedArticleIdsAsync(int limit, CancellationToken ct = default) =>
        await db.QueryAsync(
            "SELECT id FROM articles WHERE matched_at IS NULL ORDER BY fetched_at LIMIT $limit",
            p => p.AddWithValue("$limit", limit),
            r => r.GetString(0),
            ct);

    public Task MarkArticleMatchedAsync(string id, DateTimeOffset at, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "UPDATE articles SET matched_at = $at WHERE id = $id",
            p =>
            {
                p.AddWithValue("$id", id);
                p.AddWithValue("$at", at.Db());
            },
            ct);

    public async Task<IReadOnlyList<Article>> ListRecentArticlesAsync(int count, CancellationToken ct = default) =>
        await db.QueryAsync(
            "SELECT * FROM articles ORDER BY fetched_at DESC, published DESC LIMIT $count",
            p => p.AddWithValue("$count", count),
            Read,
            ct);

    private static Article Read(SqliteDataReader r) => new()
    {
        Id = r.Text("id")!,
        FeedId = r.Text("feed_id")!,
        Url = r.Text("url")!,
        Guid = r.Text("guid"),
        Title = r.Text("title")!,
        Summary = r.Text("summary")!,
        Content = r.Text("content")!,
        Author = r.Text("author"),
        Published = r.Time("published"),
        FetchedAt = r.Time("fetched_at")!.Value,
        StoryKey = r.Text("story_key"),
        Source = r.Text("source"),
    };
}
