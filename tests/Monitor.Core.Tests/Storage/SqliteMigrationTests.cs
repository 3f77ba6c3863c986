using Microsoft.Data.Sqlite;
using NewsMonitor.Storage;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Storage;

/// <summary>A file made by an earlier version opens with everything it holds, and then works as a new one does.</summary>
public sealed class SqliteMigrationTests : IDisposable
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
        // The feeds table as the first schema made it, with one feed that has been polled.
        var path = OldFile("""
            CREATE TABLE feeds (
                id TEXT PRIMARY KEY, url TEXT NOT NULL, title TEXT, site_url TEXT, enabled INTEGER NOT NULL,
                interval_seconds INTEGER, etag TEXT, last_modified TEXT, ttl_seconds INTEGER,
                last_attempt_at TEXT, last_success_at TEXT, last_error TEXT, consecutive_failures INTEGER NOT NULL DEFAULT 0,
                next_check_at TEXT);
            INSERT INTO feeds (id, url, title, enabled, etag, consecutive_failures, next_check_at)
            VALUES ('f1', 'https://a.example/feed', 'A', 1, '"v1"', 2, '2026-11-23T10:00:00.0000000+00:00');
            """);

        var feeds = new SqliteFeedStore(new SqliteDatabase(path));

        var kept = Assert.Single(await feeds.ListFeedsAsync());
        Assert.Equal(("f1", "A", "\"v1\"", 2, (string?)null), (kept.Id, kept.Title, kept.ETag, kept.Health.ConsecutiveFailures, kept.Folder));

        await feeds.UpsertFeedAsync(kept with { Folder = "News/France" });
        var reopened = new SqliteFeedStore(new SqliteDatabase(path));

        Assert.Equal("News/France", (await reopened.GetFeedAsync("f1"))?.Folder);
    }

    [Fact]
    public async Task A_file_whose_articles_were_keyed_by_text_keeps_them_and_still_stores_each_article_once()
    {
        // The articles table as the first schema made it: one article matched, one waiting for matching.
        var path = OldFile("""
            CREATE TABLE articles (
                id TEXT PRIMARY KEY, feed_id TEXT NOT NULL, url TEXT NOT NULL, guid TEXT, title TEXT NOT NULL,
                summary TEXT NOT NULL, content TEXT NOT NULL, author TEXT, published TEXT, fetched_at TEXT NOT NULL,
                story_key TEXT, source TEXT, matched_at TEXT);
            CREATE INDEX articles_unmatched ON articles(fetched_at) WHERE matched_at IS NULL;
            CREATE INDEX articles_fetched ON articles(fetched_at);
            INSERT INTO articles (id, feed_id, url, title, summary, content, fetched_at, story_key, matched_at) VALUES
                ('a1', 'f1', 'https://a.example/1', 'La Commission examine', 'Résumé', '', '2026-11-23T09:00:00.0000000+00:00', 'a1', '2026-11-23T09:01:00.0000000+00:00'),
                ('a2', 'f1', 'https://a.example/2', 'Mistral AI lève des fonds', '', '', '2026-11-23T10:00:00.0000000+00:00', 'a1', NULL);
            """);

        var articles = new SqliteArticleStore(new SqliteDatabase(path));

        var kept = await articles.GetArticleAsync("a1");
        Assert.Equal(("La Commission examine", "Résumé", "a1"), (kept?.Title, kept?.Summary, kept?.StoryKey));
        Assert.Equal(["a2"], await articles.ListUnmatchedArticleIdsAsync(10));
        Assert.False(await articles.TryAddArticleAsync(Article("a2")));
        Assert.True(await articles.TryAddArticleAsync(Article("a3")));
        Assert.Equal(["a3", "a2", "a1"], (await articles.ListRecentArticlesAsync(10)).Select(a => a.Id));

        // Opening it again migrates nothing twice.
        var reopened = new SqliteArticleStore(new SqliteDatabase(path));
        Assert.False(await reopened.TryAddArticleAsync(Article("a1")));
        Assert.Equal(3, (await reopened.ListRecentArticlesAsync(10)).Count);
    }

    [Fact]
    public async Task A_file_that_marked_matched_articles_in_their_rows_keeps_which_are_waiting_for_matching()
    {
        // The keyed articles table of the version before "unmatched": one article matched, one waiting.
        var path = OldFile(SqliteDatabase.ArticlesTable + """
            ;
            CREATE UNIQUE INDEX articles_key ON articles(id_key);
            CREATE INDEX articles_unmatched ON articles(fetched_at) WHERE matched_at IS NULL;
            INSERT INTO articles (id, id_key, feed_id, url, title, summary, content, fetched_at, matched_at) VALUES
                ('a1', 1, 'f1', 'https://a.example/1', 'Un', '', '', '2026-11-23T09:00:00.0000000+00:00', '2026-11-23T09:01:00.0000000+00:00'),
                ('a2', 2, 'f1', 'https://a.example/2', 'Deux', '', '', '2026-11-23T10:00:00.0000000+00:00', NULL);
            """);

        var articles = new SqliteArticleStore(new SqliteDatabase(path));
        Assert.Equal(["a2"], await articles.ListUnmatchedArticleIdsAsync(10));
        Assert.True(await articles.TryAddArticleAsync(Article("a3")));
        await articles.MarkArticleMatchedAsync("a2", new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

        var reopened = new SqliteArticleStore(new SqliteDatabase(path));
        Assert.Equal(["a3"], await reopened.ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public async Task A_file_made_before_not_relevant_reports_keeps_its_subscribers_and_then_stores_reports()
    {
        // The subscribers table of the version before digest actions; no feedback table.
        var path = OldFile("""
            CREATE TABLE subscribers (id TEXT PRIMARY KEY, email TEXT NOT NULL, body TEXT NOT NULL);
            INSERT INTO subscribers (id, email, body) VALUES ('ana', 'ana@example.org', '{"id":"ana","email":"ana@example.org","cadence":"daily"}');
            """);

        var db = new SqliteDatabase(path);
        var report = new ArticleFeedback("ana", "mistral", "a1", "https://a.example/1", "Le mistral souffle", new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal("ana@example.org", (await new SqliteSubscriberStore(db).GetSubscriberAsync("ana"))?.Email);
        Assert.True(await new SqliteFeedbackStore(db).TryAddFeedbackAsync(report));
        Assert.Equal([report], await new SqliteFeedbackStore(new SqliteDatabase(path)).ListFeedbackForTermAsync("mistral"));
    }

    /// <summary>A file as an earlier version left it: <paramref name="sql"/> run on a new one, outside the store.</summary>
    private string OldFile(string sql)
    {
        var path = temp.Combine("old.db");
        using var old = new SqliteConnection($"Data Source={path};Pooling=False");
        old.Open();
        using var create = old.CreateCommand();
        create.CommandText = sql;
        create.ExecuteNonQuery();
        return path;
    }

    private static Article Article(string id) =>
        new() { Id = id, FeedId = "f1", Url = $"https://a.example/{id}", Title = $"Title {id}", FetchedAt = new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero) };
}
