using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

/// <summary>The embedded store's file and schema. Every store class opens its connections here.</summary>
public sealed class SqliteDatabase : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS feeds (
            id TEXT PRIMARY KEY, url TEXT NOT NULL, title TEXT, site_url TEXT, enabled INTEGER NOT NULL,
            interval_seconds INTEGER, etag TEXT, last_modified TEXT, ttl_seconds INTEGER,
            last_attempt_at TEXT, last_success_at TEXT, last_error TEXT, consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_check_at TEXT, folder TEXT, note TEXT);
        CREATE TABLE IF NOT EXISTS terms (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, query TEXT NOT NULL, match_case INTEGER NOT NULL, enabled INTEGER NOT NULL,
            position INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS subscribers (id TEXT PRIMARY KEY, email TEXT NOT NULL, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS matches (
            article_id TEXT NOT NULL, term_id TEXT NOT NULL, matched_at TEXT NOT NULL, highlights TEXT NOT NULL,
            PRIMARY KEY (article_id, term_id));
        CREATE TABLE IF NOT EXISTS pending (
            subscriber_id TEXT NOT NULL, article_id TEXT NOT NULL, term_id TEXT NOT NULL, added_at TEXT NOT NULL,
            digest_key TEXT, PRIMARY KEY (subscriber_id, article_id, term_id));
        CREATE TABLE IF NOT EXISTS digests (
            subscriber_id TEXT NOT NULL, period TEXT NOT NULL, status TEXT NOT NULL, item_count INTEGER NOT NULL,
            updated_at TEXT NOT NULL, message_id TEXT, claimed_at TEXT, last_error TEXT, PRIMARY KEY (subscriber_id, period));
        CREATE TABLE IF NOT EXISTS digest_items (
            subscriber_id TEXT NOT NULL, period TEXT NOT NULL, article_id TEXT NOT NULL, term_id TEXT NOT NULL, added_at TEXT NOT NULL,
            PRIMARY KEY (subscriber_id, period, article_id, term_id));
        """;

    /// <summary>
    /// Articles are stored in the order they come (rowid) and found by their id's <see cref="ArticleKey"/>, unique,
    /// rather than by a text primary key; the rare article whose key another id has is stored without one (see SqliteArticleStore).
    /// </summary>
    internal const string ArticlesTable = """
        CREATE TABLE IF NOT EXISTS articles (
            id TEXT NOT NULL, id_key INTEGER, feed_id TEXT NOT NULL, url TEXT NOT NULL, guid TEXT, title TEXT NOT NULL,
            summary TEXT NOT NULL, content TEXT NOT NULL, author TEXT, published TEXT, fetched_at TEXT NOT NULL,
            story_key TEXT, source TEXT, matched_at TEXT)
        """;

    /// <summary>
    /// The articles stored and not yet matched, apart from the articles themselves: marking an article matched deletes
    /// a small row here, where setting a column of the article would rewrite its whole row, text and all.
    /// </summary>
    internal const string UnmatchedTable = "CREATE TABLE IF NOT EXISTS unmatched (id TEXT PRIMARY KEY, fetched_at TEXT NOT NULL) WITHOUT ROWID";

    /// <summary>"Not relevant" reports (see <see cref="SqliteFeedbackStore"/>), one per (term, article, subscriber).</summary>
    internal const string FeedbackTable = """
        CREATE TABLE IF NOT EXISTS feedback (
            term_id TEXT NOT NULL, article_id TEXT NOT NULL, subscriber_id TEXT NOT NULL, url TEXT NOT NULL, title TEXT NOT NULL, at TEXT NOT NULL,
            PRIMARY KEY (term_id, article_id, subscriber_id)) WITHOUT ROWID
        """;

    // After the migrations: an index on a column a migration adds cannot be made before it.
    private const string Indexes = """
        CREATE UNIQUE INDEX IF NOT EXISTS articles_key ON articles(id_key);
        CREATE INDEX IF NOT EXISTS articles_fetched ON articles(fetched_at);
        CREATE INDEX IF NOT EXISTS pending_open ON pending(subscriber_id) WHERE digest_key IS NULL;
        """;

    private readonly string connectionString;
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = [];

    // SQLite has one writer at a time, and every commit costs a write of each page it touched (index leaves above
    // all). Writers of this process queue here instead of sleeping in SQLite's busy handler, and the one at the head
    // of the queue commits the writes waiting behind it in the same transaction: a group commit.
    private const int MaxGroup = 32; // bounds a transaction, so that a steady stream of writers still sees commits
    private readonly Lock queueGate = new();
    private readonly Queue<PendingWrite> queued = new();
    private bool committing;

    public SqliteDatabase(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema + ";" + ArticlesTable;
        command.ExecuteNonQuery();
        SqliteMigrations.Apply(connection);
        command.CommandText = Indexes;
        command.ExecuteNonQuery();
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();

        // The settings belong to the native connection, which the pool keeps: set them once, not on every open.
        if (configured.TryAdd(connection.Handle!, true))
        {
            using var pragma = connection.CreateCommand();

            // Checkpoints copy the WAL into the database and sync; every 10,000 pages (not the default 1,000) keeps a
            // poll cycle's bulk inserts from syncing every few hundred rows, with the WAL file capped at 64 MB.
            pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 67108864;";
            pragma.ExecuteNonQuery();
        }

        return connection;
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction, possibly shared with other writes waiting at the same time,
    /// each in a savepoint of its own: a write that throws is rolled back alone and its caller gets the exception.
    /// The write runs synchronously on whichever thread commits the group, so it must not wait on other writes.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(write, ct);
        bool lead;
        lock (queueGate)
        {
            queued.Enqueue(pending);
            lead = !committing;
            committing = true;
        }

        if (lead)
        {
            CommitQueued();
        }

        return pending.Task;
    }

    /// <summary>Closes the pooled connections to this file, so that it can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public Task<int> ExecuteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken ct) =>
        WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                bind(command.Parameters);
                return command.ExecuteNonQuery();
            },
            ct);

    public async Task<List<T>> QueryAsync<T>(string sql, Action<SqliteParameterCollection> bind, Func<SqliteDataReader, T> read, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// A query over many values of one column, 500 to a statement (SQLite binds at most 32,766 parameters):
    /// <paramref name="sql"/> says <c>{values}</c> where the list goes; <paramref name="bind"/> binds the other parameters.
    /// </summary>
    public async Task<List<T>> QueryEachChunkAsync<T>(string sql, IEnumerable<object> values, Action<SqliteParameterCollection> bind, Func<SqliteDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        foreach (var chunk in values.Chunk(500))
        {
            var names = chunk.Select((_, i) => "$v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            rows.AddRange(await QueryAsync(
                sql.Replace("{values}", string.Join(", ", names), StringComparison.Ordinal),
                p =>
                {
                    bind(p);
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        p.AddWithValue(names[i], chunk[i]);
                    }
                },
                read,
                ct));
        }

        return rows;
    }

    public static void NoParameters(SqliteParameterCollection parameters)
    {
    }

    /// <summary>Commits what is queued, group after group, until the queue is empty; then the next writer leads.</summary>
    private void CommitQueued()
    {
        var group = new List<PendingWrite>(MaxGroup);
        while (true)
        {
            lock (queueGate)
            {
                while (group.Count < MaxGroup && queued.TryDequeue(out var next))
                {
                    group.Add(next);
                }

                if (group.Count == 0)
                {
                    committing = false;
                    return;
                }
            }

            CommitGroup(group);
            group.Clear();
        }
    }

    private void CommitGroup(List<PendingWrite> group)
    {
        var done = new List<PendingWrite>(group.Count);
        try
        {
            using var connection = Open();
            Run(connection, "BEGIN IMMEDIATE");
            try
            {
                foreach (var write in group)
                {
                    if (write.IsCancelled)
                    {
                        write.Cancel();
                        continue;
                    }

                    Run(connection, "SAVEPOINT write");
                    try
                    {
                        write.Run(connection);
                        Run(connection, "RELEASE write");
                        done.Add(write);
                    }
                    catch (Exception e)
                    {
                        Run(connection, "ROLLBACK TO write; RELEASE write");
                        write.Fail(e);
                    }
                }

                Run(connection, "COMMIT");
            }
            catch
            {
                if (!connection.Handle!.IsInvalid && SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
                {
                    Run(connection, "ROLLBACK");
                }

                throw;
            }
        }
        catch (Exception e)
        {
            // Nothing of this group was committed: every write in it that looked done has failed after all.
            group.ForEach(write => write.Fail(e));
            return;
        }

        done.ForEach(write => write.Complete());
    }

    /// <summary>Runs <paramref name="sql"/> once per item on one command, inside a write.</summary>
    internal static void RunEach<T>(SqliteConnection connection, string sql, IEnumerable<T> items, Action<SqliteParameterCollection, T> bind)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var item in items)
        {
            command.Parameters.Clear();
            bind(command.Parameters, item);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Deletes the rows of <paramref name="table"/> whose id is one of <paramref name="ids"/>, inside a write.</summary>
    internal static void DeleteIds(SqliteConnection connection, string table, IEnumerable<string> ids) =>
        RunEach(connection, $"DELETE FROM {table} WHERE id = $id", ids, (p, id) => p.AddWithValue("$id", id));

    internal static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private abstract class PendingWrite
    {
        public abstract bool IsCancelled { get; }

        public abstract void Run(SqliteConnection connection);

        public abstract void Complete();

        public abstract void Fail(Exception e);

        public abstract void Cancel();
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, T> write, CancellationToken ct) : PendingWrite
    {
        // Continuations must not run on the committing thread, in the middle of someone else's group.
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T result = default!;

        public Task<T> Task => completion.Task;

        public override bool IsCancelled => ct.IsCancellationRequested;

        public override void Run(SqliteConnection connection) => result = write(connection);

        public override void Complete() => completion.TrySetResult(result);

        public override void Fail(Exception e) => completion.TrySetException(e);

        public override void Cancel() => completion.TrySetCanceled(ct);
    }
}
