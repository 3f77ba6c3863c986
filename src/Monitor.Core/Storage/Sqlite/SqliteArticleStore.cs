using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

public sealed class SqliteArticleStore(SqliteDatabase db) : IArticleStore
{
    private const string Insert = """
        INSERT INTO articles (id, feed_id, url, guid, title, summary, content, author, published, fetched_at, story_key, source)
        VALUES ($id, $feed, $url, $guid, $title, $summary, $content, $author, $published, $fetched, $story, $source)
        ON CONFLICT(id) DO NOTHING
        """;

    public async Task<bool> TryAddArticleAsync(Article article, CancellationToken ct = default) =>
        await db.ExecuteAsync(Insert, p => Bind(p, article), ct) > 0;

    /// <summary>One transaction for the batch: a feed's fifty items cost one commit, not fifty.</summary>
    public async Task<IReadOnlySet<string>> TryAddArticlesAsync(IReadOnlyList<Article> articles, CancellationToken ct = default)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        if (articles.Count == 0)
        {
            return added;
        }

        await using var connection = db.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        foreach (var article in articles)
        {
            Bind(command.Parameters, article);
            if (await command.ExecuteNonQueryAsync(ct) > 0)
            {
                added.Add(article.Id);
            }
        }

        await transaction.CommitAsync(ct);
        return added;
    }

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

    /// <summary>Sets the insert's parameters, adding them the first time: a batch reuses one command and its parameters.</summary>
    private static void Bind(SqliteParameterCollection p, Article article)
    {
        Set(p, "$id", article.Id);
        Set(p, "$feed", article.FeedId);
        Set(p, "$url", article.Url);
        Set(p, "$guid", article.Guid.Db());
        Set(p, "$title", article.Title);
        Set(p, "$summary", article.Summary);
        Set(p, "$content", article.Content);
        Set(p, "$author", article.Author.Db());
        Set(p, "$published", article.Published.Db());
        Set(p, "$fetched", article.FetchedAt.Db());
        Set(p, "$story", article.StoryKey.Db());
        Set(p, "$source", article.Source.Db());
    }

    private static void Set(SqliteParameterCollection parameters, string name, object value)
    {
        if (parameters.Contains(name))
        {
            parameters[name].Value = value;
        }
        else
        {
            parameters.AddWithValue(name, value);
        }
    }

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
