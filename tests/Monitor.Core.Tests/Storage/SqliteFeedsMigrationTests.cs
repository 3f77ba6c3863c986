using Microsoft.Data.Sqlite;
using NewsMonitor.Storage;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Storage;

public sealed class SqliteFeedsMigrationTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    [Fact]
    public async Task A_file_made_before_folders_opens_with_its_feeds_and_then_keeps_folders()
    {
        var path = temp.Combine("old.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();

            // The feeds table as the first schema made it, with one feed that has been polled.
            create.CommandText = """
                CREATE TABLE feeds (
                    id TEXT PRIMARY KEY, url TEXT NOT NULL, title TEXT, site_url TEXT, enabled INTEGER NOT NULL,
                    interval_seconds INTEGER, etag TEXT, last_modified TEXT, ttl_seconds INTEGER,
                    last_attempt_at TEXT, last_success_at TEXT, last_error TEXT, consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    next_check_at TEXT);
                INSERT INTO feeds (id, url, title, enabled, etag, consecutive_failures, next_check_at)
                VALUES ('f1', 'https://a.example/feed', 'A', 1, '"v1"', 2, '2026-11-23T10:00:00.0000000+00:00');
                """;
            create.ExecuteNonQuery();
        }

        var feeds = new SqliteFeedStore(new SqliteDatabase(path));

        var kept = Assert.Single(await feeds.ListFeedsAsync());
        Assert.Equal(("f1", "A", "\"v1\"", 2, (string?)null), (kept.Id, kept.Title, kept.ETag, kept.Health.ConsecutiveFailures, kept.Folder));

        await feeds.UpsertFeedAsync(kept with { Folder = "News/France" });
        var reopened = new SqliteFeedStore(new SqliteDatabase(path));

        Assert.Equal("News/France", (await reopened.GetFeedAsync("f1"))?.Folder);
    }
}
