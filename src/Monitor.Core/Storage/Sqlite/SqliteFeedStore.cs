using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

public sealed class SqliteFeedStore(SqliteDatabase db) : IFeedStore
{
    public async Task<IReadOnlyList<FeedSource>> ListFeedsAsync(CancellationToken ct = default) =>
        await db.QueryAsync("SELECT * FROM feeds ORDER BY url", SqliteDatabase.NoParameters, Read, ct);

    public async Task<FeedSource?> GetFeedAsync(string id, CancellationToken ct = default) =>
        (await db.QueryAsync("SELECT * FROM feeds WHERE id = $id", p => p.AddWithValue("$id", id), Read, ct)).SingleOrDefault();

    public async Task<IReadOnlyList<FeedSource>> ListDueFeedsAsync(DateTimeOffset now, CancellationToken ct = default) =>
        await db.QueryAsync(
            "SELECT * FROM feeds WHERE enabled = 1 AND (next_check_at IS NULL OR next_check_at <= $now) ORDER BY next_check_at",
            p => p.AddWithValue("$now", now.Db()),
            Read,
            ct);

    private const string Insert = """
        INSERT INTO feeds (id, url, title, site_url, enabled, interval_seconds, etag, last_modified, ttl_seconds,
            last_attempt_at, last_success_at, last_error, consecutive_failures, next_check_at, folder, note)
        VALUES ($id, $url, $title, $site, $enabled, $interval, $etag, $lm, $ttl, $attempt, $success, $error, $failures, $next, $folder, $note)
        """;

    private const string Upsert = Insert + """

        ON CONFLICT(id) DO UPDATE SET url = excluded.url, title = excluded.title, site_url = excluded.site_url,
            enabled = excluded.enabled, interval_seconds = excluded.interval_seconds, etag = excluded.etag,
            last_modified = excluded.last_modified, ttl_seconds = excluded.ttl_seconds, last_attempt_at = excluded.last_attempt_at,
            last_success_at = excluded.last_success_at, last_error = excluded.last_error,
            consecutive_failures = excluded.consecutive_failures, next_check_at = excluded.next_check_at,
            folder = excluded.folder, note = excluded.note
        """;

    public Task UpsertFeedAsync(FeedSource feed, CancellationToken ct = default) => db.ExecuteAsync(Upsert, p => Bind(p, feed), ct);

    public async Task<bool> TryAddFeedAsync(FeedSource feed, CancellationToken ct = default) =>
        await db.ExecuteAsync(Insert + " ON CONFLICT(id) DO NOTHING", p => Bind(p, feed), ct) > 0;

    /// <summary>All in one transaction: the schedule stage leases every due feed at once.</summary>
    public Task UpsertFeedsAsync(IReadOnlyList<FeedSource> feeds, CancellationToken ct = default) => SaveFeedsAsync(feeds, [], ct);

    public Task SaveFeedsAsync(IReadOnlyList<FeedSource> feeds, IReadOnlyCollection<string> deleteIds, CancellationToken ct = default) =>
        db.WriteAsync(
            connection =>
            {
                SqliteDatabase.RunEach(connection, Upsert, feeds, Bind);
                SqliteDatabase.DeleteIds(connection, "feeds", deleteIds);
                return feeds.Count;
            },
            ct);

    private static void Bind(SqliteParameterCollection p, FeedSource feed)
    {
        p.AddWithValue("$id", feed.Id);
        p.AddWithValue("$url", feed.Url);
        p.AddWithValue("$title", feed.Title.Db());
        p.AddWithValue("$site", feed.SiteUrl.Db());
        p.AddWithValue("$enabled", feed.Enabled ? 1 : 0);
        p.AddWithValue("$interval", feed.Interval is { } i ? (long)i.TotalSeconds : DBNull.Value);
        p.AddWithValue("$etag", feed.ETag.Db());
        p.AddWithValue("$lm", feed.LastModified.Db());
        p.AddWithValue("$ttl", feed.TimeToLive is { } ttl ? (long)ttl.TotalSeconds : DBNull.Value);
        p.AddWithValue("$attempt", feed.Health.LastAttemptAt.Db());
        p.AddWithValue("$success", feed.Health.LastSuccessAt.Db());
        p.AddWithValue("$error", feed.Health.LastError.Db());
        p.AddWithValue("$failures", feed.Health.ConsecutiveFailures);
        p.AddWithValue("$next", feed.Health.NextCheckAt.Db());
        p.AddWithValue("$folder", feed.Folder.Db());
        p.AddWithValue("$note", feed.Health.Note.Db());
    }

    public async Task<bool> DeleteFeedAsync(string id, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM feeds WHERE id = $id", p => p.AddWithValue("$id", id), ct) > 0;

    private static TimeSpan? Seconds(SqliteDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : TimeSpan.FromSeconds(r.GetInt64(i));
    }

    private static FeedSource Read(SqliteDataReader r) => new()
    {
        Id = r.Text("id")!,
        Url = r.Text("url")!,
        Title = r.Text("title"),
        SiteUrl = r.Text("site_url"),
        Folder = r.Text("folder"),
        Enabled = r.Long("enabled") != 0,
        Interval = Seconds(r, "interval_seconds"),
        TimeToLive = Seconds(r, "ttl_seconds"),
        ETag = r.Text("etag"),
        LastModified = r.Text("last_modified"),
        Health = new FeedHealth
        {
            LastAttemptAt = r.Time("last_attempt_at"),
            LastSuccessAt = r.Time("last_success_at"),
            LastError = r.Text("last_error"),
            ConsecutiveFailures = (int)r.Long("consecutive_failures"),
            NextCheckAt = r.Time("next_check_at"),
            Note = r.Text("note"),
        },
    };
}
