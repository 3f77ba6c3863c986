using Microsoft.Data.Sqlite;
using NewsMonitor.Storage;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Storage;

/// <summary>
/// The embedded store finds articles by a 64-bit hash of their id. Two ids sharing one is rare, not impossible;
/// when it happens, both articles must still be stored, found and deduplicated by their own ids.
/// </summary>
public sealed class SqliteArticleKeyTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory temp = new();
    private readonly SqliteDatabase db;
    private readonly SqliteArticleStore articles;

    public SqliteArticleKeyTests()
    {
        db = new SqliteDatabase(temp.Combine("monitor.db"));
        articles = new SqliteArticleStore(db);
    }

    public void Dispose()
    {
        db.Dispose();
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    [Fact]
    public async Task An_article_whose_key_another_id_holds_is_stored_once_found_and_matched_by_its_own_id()
    {
        // Another article that happens to hash to the same key, stored first.
        await db.ExecuteAsync(
            "INSERT INTO articles (id, id_key, feed_id, url, title, summary, content, fetched_at) VALUES ('other', $key, 'f1', 'https://a.example/other', 'Other', '', '', $at); INSERT INTO unmatched (id, fetched_at) VALUES ('other', $at)",
            p =>
            {
                p.AddWithValue("$key", ArticleKey.Of("mine"));
                p.AddWithValue("$at", T0.ToString("O"));
            },
            default);

        Assert.True(await articles.TryAddArticleAsync(Article("mine")));
        Assert.Equal("Title mine", (await articles.GetArticleAsync("mine"))?.Title);
        Assert.False(await articles.TryAddArticleAsync(Article("mine")));
        Assert.Equal([], await articles.TryAddArticlesAsync([Article("mine"), Article("mine")]));

        await articles.MarkArticleMatchedAsync("mine", T0.AddMinutes(1));

        Assert.Equal(["other"], await articles.ListUnmatchedArticleIdsAsync(10));
        Assert.Equal(["mine", "other"], (await articles.ListRecentArticlesAsync(10)).Select(a => a.Id));
    }

    [Fact]
    public async Task Keys_do_not_change_between_versions_because_the_file_keeps_them()
    {
        // Pinned values (FNV-1a and SplitMix64, computed apart): a key that changed between versions would make every
        // stored article look new again and stored twice.
        Assert.Equal(1601006233426476137L, ArticleKey.Of("9f86d081884c7d659a2feaa0c55ad015"));
        Assert.Equal(6544567260722759293L, ArticleKey.Of("é"));
        Assert.Equal(-780787492076525413L, ArticleKey.Of(""));

        Assert.True(await articles.TryAddArticleAsync(Article("9f86d081884c7d659a2feaa0c55ad015")));
        Assert.False(await new SqliteArticleStore(new SqliteDatabase(temp.Combine("monitor.db"))).TryAddArticleAsync(Article("9f86d081884c7d659a2feaa0c55ad015")));
    }

    private static Article Article(string id) => new() { Id = id, FeedId = "f1", Url = $"https://a.example/{id}", Title = $"Title {id}", FetchedAt = T0.AddMinutes(2) };
}
