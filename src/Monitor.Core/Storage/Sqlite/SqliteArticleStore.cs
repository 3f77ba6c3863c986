using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

public sealed class SqliteArticleStore(SqliteDatabase db) : IArticleStore
{
    private const string Columns = "id, id_key, feed_id, url, guid, title, summary, content, author, published, fetched_at, story_key, source";
    private const string Values = "$id, $key, $feed, $url, $guid, $title, $summary, $content, $author, $published, $fetched, $story, $source";
    private const string ById = "id = $id AND (id_key = $key OR id_key IS NULL)";
    private const string Insert = $"INSERT INTO articles ({Columns}) VALUES ({Values}) ON CONFLICT(id_key) DO NOTHING";

    // The key is taken. Nearly always by this very article; if by another id (a 64-bit hash: with ten million articles
    // stored, the chance that any two share one is about 1 in 370,000), the article is stored without a key, where
    // the lookups below also look, unless it is there already.
    private const string InsertUnkeyed = $"""
        INSERT INTO articles ({Columns})
        SELECT $id, NULL, $feed, $url, $guid, $title, $summary, $content, $author, $published, $fetched, $story, $source
        WHERE NOT EXISTS (SELECT 1 FROM articles WHERE {ById})
        """;

    public async Task<bool> TryAddArticleAsync(Article article, CancellationToken ct = default) =>
        (await TryAddArticlesAsync([article], ct)).Count > 0;

    /// <summary>
    /// One prepared statement for the batch, in one transaction (shared with other writers waiting at the same
    /// moment): a feed's fifty items cost one commit at most, not fifty. The values are made before the turn to write.
    /// </summary>
    public Task<IReadOnlySet<string>> TryAddArticlesAsync(IReadOnlyList<Article> articles, CancellationToken ct = default) =>
        Add(articles.Select(ValuesOf).ToArray(), null, default, ct);

    /// <summary>As <see cref="TryAddArticlesAsync(IReadOnlyList{Article}, CancellationToken)"/>, with each new article's match and inbox rows in the same transaction instead of an "unmatched" row.</summary>
    public Task<IReadOnlySet<string>> TryAddMatchedArticlesAsync(IReadOnlyList<MatchedArticle> articles, DateTimeOffset at, CancellationToken ct = default) =>
        Add(articles.Select(a => ValuesOf(a.Article)).ToArray(), articles.Select(a => SqliteMatchRows.ValuesOf(a.Found)).ToArray(), at, ct);

    private Task<IReadOnlySet<string>> Add(object[][] rows, SqliteMatchRows.Rows[]? found, DateTimeOffset at, CancellationToken ct) =>
        rows.Length == 0
            ? Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(StringComparer.Ordinal))
            : db.WriteAsync<IReadOnlySet<string>>(connection => InsertAll(connection, rows, found, at), ct);

    /// <summary>Inserts the new articles; each gets its match rows when <paramref name="found"/> (one per row) is given, else an "unmatched" row.</summary>
    private static HashSet<string> InsertAll(SqliteConnection connection, object[][] rows, SqliteMatchRows.Rows[]? found, DateTimeOffset at)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        using var insert = Prepared(connection, Insert);
        using var matched = found is null ? null : new SqliteMatchRows(connection, at);
        SqliteCommand? unkeyed = null;
        (SqliteCommand Command, SqliteParameter Id, SqliteParameter Fetched)? unmatched = null;
        try
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var values = rows[i];
                if (Run(insert, values) > 0 || Run(unkeyed ??= Prepared(connection, InsertUnkeyed), values) > 0)
                {
                    added.Add((string)values[0]);
                    if (matched is not null)
                    {
                        matched.Write(found![i]);
                    }
                    else
                    {
                        var (command, id, fetched) = unmatched ??= PreparedUnmatched(connection);
                        (id.Value, fetched.Value) = (values[0], values[FetchedAtValue]);
                        command.ExecuteNonQuery();
                    }
                }
            }
        }
        finally
        {
            unkeyed?.Dispose();
            unmatched?.Command.Dispose();
        }

        return added;
    }

    private static (SqliteCommand, SqliteParameter, SqliteParameter) PreparedUnmatched(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO unmatched (id, fetched_at) VALUES ($id, $fetched) ON CONFLICT DO NOTHING";
        var parameters = (command, command.Parameters.Add(new SqliteParameter { ParameterName = "$id" }), command.Parameters.Add(new SqliteParameter { ParameterName = "$fetched" }));
        command.Prepare();
        return parameters;
    }

    private static SqliteCommand Prepared(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in ParameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static int Run(SqliteCommand command, object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command.ExecuteNonQuery();
    }

    public async Task<Article?> GetArticleAsync(string id, CancellationToken ct = default) =>
        (await db.QueryAsync($"SELECT * FROM articles WHERE {ById}", p => BindId(p, id), Read, ct)).SingleOrDefault();

    /// <summary>Keys looked up on the key index, in chunks; an id not found by its key is looked for on its own, as GetArticleAsync does.</summary>
    public async Task<IReadOnlyList<StoredArticle>> GetArticlesAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, StoredArticle>(StringComparer.Ordinal);
        var byKey = await db.QueryEachChunkAsync(
            "SELECT articles.*, unmatched.id IS NULL AS matched FROM articles LEFT JOIN unmatched ON unmatched.id = articles.id WHERE id_key IN ({values})",
            wanted.Select(id => (object)ArticleKey.Of(id)),
            SqliteDatabase.NoParameters,
            ReadStored,
            ct);
        foreach (var row in byKey)
        {
            found[row.Article.Id] = row;
        }

        foreach (var id in wanted.Where(id => !found.ContainsKey(id)))
        {
            var rows = await db.QueryAsync($"SELECT articles.*, unmatched.id IS NULL AS matched FROM articles LEFT JOIN unmatched ON unmatched.id = articles.id WHERE articles.{ById}", p => BindId(p, id), ReadStored, ct);
            if (rows.Count > 0)
            {
                found[id] = rows[0];
            }
        }

        return wanted.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>Marks the articles matched, inside the caller's transaction: they leave "unmatched".</summary>
    internal static void MarkMatched(SqliteConnection connection, IEnumerable<string> ids)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM unmatched WHERE id = $id";
        var id = command.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        command.Prepare();
        foreach (var articleId in ids)
        {
            id.Value = articleId;
            command.ExecuteNonQuery();
        }
    }

    public async Task<IReadOnlyList<string>> ListUnmatchedArticleIdsAsync(int limit, CancellationToken ct = default) =>
        await db.QueryAsync(
            "SELECT id FROM unmatched ORDER BY fetched_at, id LIMIT $limit",
            p => p.AddWithValue("$limit", limit),
            r => r.GetString(0),
            ct);

    /// <summary>The time is not kept: the article leaves "unmatched", which is what matched means here.</summary>
    public Task MarkArticleMatchedAsync(string id, DateTimeOffset at, CancellationToken ct = default) =>
        db.WriteAsync(
            connection =>
            {
                MarkMatched(connection, [id]);
                return 1;
            },
            ct);

    public async Task<IReadOnlyList<Article>> ListRecentArticlesAsync(int count, CancellationToken ct = default) =>
        await db.QueryAsync(
            "SELECT * FROM articles ORDER BY fetched_at DESC, published DESC LIMIT $count",
            p => p.AddWithValue("$count", count),
            Read,
            ct);

    private const int FetchedAtValue = 10;

    private static readonly string[] ParameterNames = ["$id", "$key", "$feed", "$url", "$guid", "$title", "$summary", "$content", "$author", "$published", "$fetched", "$story", "$source"];

    /// <summary>The insert's values, in the order of <see cref="ParameterNames"/>: a batch binds them to one prepared command.</summary>
    private static object[] ValuesOf(Article article) =>
    [
        article.Id, ArticleKey.Of(article.Id), article.FeedId, article.Url, article.Guid.Db(), article.Title, article.Summary, article.Content,
        article.Author.Db(), article.Published.Db(), article.FetchedAt.Db(), article.StoryKey.Db(), article.Source.Db(),
    ];

    private static void BindId(SqliteParameterCollection p, string id)
    {
        p.AddWithValue("$id", id);
        p.AddWithValue("$key", ArticleKey.Of(id));
    }

    private static StoredArticle ReadStored(SqliteDataReader r) => new(Read(r), r.GetBoolean(r.GetOrdinal("matched")));

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
