using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

/// <summary>
/// Brings a file made by an earlier schema up to the current one, in one immediate transaction, so that two
/// processes opening the same old file do not both migrate it. CREATE TABLE IF NOT EXISTS leaves old tables as they are.
/// </summary>
internal static class SqliteMigrations
{
    // Columns added since the first schema.
    private static readonly (string Table, string Column, string Type)[] AddedColumns = [("feeds", "folder", "TEXT"), ("digests", "claimed_at", "TEXT"), ("digests", "last_error", "TEXT"), ("feeds", "note", "TEXT")];

    public static void Apply(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var (table, column, type) in AddedColumns)
        {
            if (!HasColumn(connection, table, column))
            {
                SqliteDatabase.Run(connection, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
            }
        }

        if (!HasColumn(connection, "articles", "id_key"))
        {
            KeyArticles(connection);
        }

        if (!HasTable(connection, "unmatched"))
        {
            SeparateUnmatched(connection);
        }

        // Added with the "not relevant" links of digests; nothing earlier to carry over.
        if (!HasTable(connection, "feedback"))
        {
            SqliteDatabase.Run(connection, SqliteDatabase.FeedbackTable);
        }

        transaction.Commit();
    }

    /// <summary>
    /// Earlier schemas marked an article matched in its own row (matched_at, kept for the articles it was set on);
    /// the unmatched ones now have a row in "unmatched" until they are matched.
    /// </summary>
    private static void SeparateUnmatched(SqliteConnection connection)
    {
        SqliteDatabase.Run(connection, SqliteDatabase.UnmatchedTable);
        SqliteDatabase.Run(connection, "INSERT INTO unmatched (id, fetched_at) SELECT id, fetched_at FROM articles WHERE matched_at IS NULL ON CONFLICT DO NOTHING");
        SqliteDatabase.Run(connection, "DROP INDEX IF EXISTS articles_unmatched");
    }

    private static bool HasTable(SqliteConnection connection, string table)
    {
        using var info = connection.CreateCommand();
        info.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $table";
        info.Parameters.AddWithValue("$table", table);
        return (long)info.ExecuteScalar()! > 0;
    }

    /// <summary>
    /// The first schema made the article id a text primary key. The table is rebuilt (SQLite cannot drop a primary
    /// key) with the id's <see cref="ArticleKey"/>, which the index is over instead; rows, ids and times are kept.
    /// </summary>
    private static void KeyArticles(SqliteConnection connection)
    {
        connection.CreateFunction("article_key", (string id) => ArticleKey.Of(id), isDeterministic: true);
        SqliteDatabase.Run(connection, "ALTER TABLE articles RENAME TO articles_before_key");
        SqliteDatabase.Run(connection, "DROP INDEX IF EXISTS articles_unmatched; DROP INDEX IF EXISTS articles_fetched");
        SqliteDatabase.Run(connection, SqliteDatabase.ArticlesTable);
        SqliteDatabase.Run(connection, """
            INSERT INTO articles (id, id_key, feed_id, url, guid, title, summary, content, author, published, fetched_at, story_key, source, matched_at)
            SELECT id, article_key(id), feed_id, url, guid, title, summary, content, author, published, fetched_at, story_key, source, matched_at
            FROM articles_before_key ORDER BY rowid
            """);
        SqliteDatabase.Run(connection, "DROP TABLE articles_before_key");
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var info = connection.CreateCommand();
        info.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column";
        info.Parameters.AddWithValue("$table", table);
        info.Parameters.AddWithValue("$column", column);
        return (long)info.ExecuteScalar()! > 0;
    }
}
