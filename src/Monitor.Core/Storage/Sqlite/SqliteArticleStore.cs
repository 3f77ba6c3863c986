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

    /// <summary>
    /// One prepared statement for the batch, in one transaction (shared with other writers waiting at the same
    /// moment): a feed's fifty items cost one commit at most, not fifty. The values are made before the turn to write.
    /// </summary>
    public Task<IReadOnlySet<string>> TryAddArticlesAsync(IReadOnlyList<Article> articles, CancellationToken ct = default)
    {
        if (articles.Count == 0)
        {
            return Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(StringComparer.Ordinal));
        }

        var rows = articles.Select(Values).ToArray();
        return db.WriteAsync<IReadOnlySet<string>>(connection => InsertAll(connection, rows), ct);
    }

    private static HashSet<string> InsertAll(SqliteConnection connection, object[][] rows)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = Insert;
        var parameters = ParameterNames.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        command.Prepare();
        foreach (var values in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = values[i];
            }

            if (command.ExecuteNonQuery() > 0)
            {
                added.Add((string)values[0]);
            }
        }

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

    private static readonly string[] ParameterNames = ["$id", "$feed", "$url", "$guid", "$title", "$summary", "$content", "$author", "$published", "$fetched", "$story", "$source"];

    private static void Bind(SqliteParameterCollection p, Article article)
    {
        var values = Values(article);
        for (var i = 0; i < ParameterNames.Length; i++)
        {
            p.AddWithValue(ParameterNames[i], values[i]);
        }
    }

    /// <summary>The insert's values, in the order of <see cref="ParameterNames"/>: a batch binds them to one prepared command.</summary>
    private static object[] Values(Article article) =>
    [
        article.Id, article.FeedId, article.Url, article.Guid.Db(), article.Title, article.Summary, article.Content,
        article.Author.Db(), article.Published.Db(), article.FetchedAt.Db(), article.StoryKey.Db(), article.Source.Db(),
    ];

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
