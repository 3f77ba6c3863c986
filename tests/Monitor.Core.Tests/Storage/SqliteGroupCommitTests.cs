using Microsoft.Data.Sqlite;
using NewsMonitor.Storage;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Storage;

/// <summary>
/// Writes that wait for SQLite's one writer are committed together. Whoever shares a transaction, each write must
/// still succeed or fail alone, and be readable once its caller has been told it is done.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory temp = new();
    private readonly SqliteDatabase db;
    private readonly SqliteArticleStore articles;
    private readonly SqliteFeedStore feeds;

    public SqliteGroupCommitTests()
    {
        db = new SqliteDatabase(temp.Combine("monitor.db"));
        articles = new SqliteArticleStore(db);
        feeds = new SqliteFeedStore(db);
    }

    public void Dispose()
    {
        db.Dispose();
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    [Fact]
    public async Task Writes_queued_behind_a_busy_writer_share_its_turn_but_a_failing_one_fails_alone()
    {
        using var release = new ManualResetEventSlim();
        var first = HoldTheWriter(release);

        // Queued while the first write holds the turn: these three are committed as one group.
        var good = articles.TryAddArticlesAsync([Article("a"), Article("b")]);
        var bad = db.ExecuteAsync("INSERT INTO articles (id) VALUES ('broken')", SqliteDatabase.NoParameters, default);
        var alsoGood = articles.TryAddArticlesAsync([Article("c")]);
        Assert.False(good.IsCompleted);

        release.Set();
        await first;
        Assert.Equal(["a", "b"], (await good).Order());
        await Assert.ThrowsAsync<SqliteException>(() => bad);
        Assert.Equal(["c"], await alsoGood);
        Assert.Equal(["a", "b", "c"], (await articles.ListRecentArticlesAsync(10)).Select(a => a.Id).Order());
    }

    [Fact]
    public async Task Concurrent_batches_with_the_same_articles_store_each_once_and_each_is_new_to_one_caller()
    {
        var batches = Enumerable.Range(0, 40)
            .Select(b => (IReadOnlyList<Article>)Enumerable.Range(b, 10).Select(i => Article($"a{i}")).ToList())
            .ToList();

        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => articles.TryAddArticlesAsync(batch))));

        var claimed = results.SelectMany(r => r).ToList();
        Assert.Equal(49, claimed.Count);
        Assert.Equal(49, claimed.Distinct().Count());
        Assert.Equal(49, (await articles.ListRecentArticlesAsync(100)).Count);
    }

    [Fact]
    public async Task A_write_cancelled_while_it_waits_is_not_made()
    {
        using var release = new ManualResetEventSlim();
        var first = HoldTheWriter(release);
        using var cancel = new CancellationTokenSource();
        var waiting = articles.TryAddArticlesAsync([Article("late")], cancel.Token);

        await cancel.CancelAsync();
        release.Set();
        await first;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Null(await articles.GetArticleAsync("late"));
    }

    [Fact]
    public async Task Many_feeds_are_upserted_at_once()
    {
        var many = Enumerable.Range(0, 25).Select(i => new FeedSource { Id = $"f{i}", Url = $"https://outlet{i}.example/feed" }).ToList();
        await feeds.UpsertFeedsAsync(many);
        await feeds.UpsertFeedsAsync([many[0] with { Title = "Renamed" }]);

        var stored = await feeds.ListFeedsAsync();
        Assert.Equal(25, stored.Count);
        Assert.Equal("Renamed", stored.Single(f => f.Id == "f0").Title);
    }

    /// <summary>A write that keeps the writer's turn until <paramref name="release"/> is set; returns once it holds it.</summary>
    private Task HoldTheWriter(ManualResetEventSlim release)
    {
        using var holding = new ManualResetEventSlim();
        var write = Task.Run(() => db.WriteAsync(
            _ =>
            {
                holding.Set();
                release.Wait(TimeSpan.FromSeconds(30));
                return 0;
            },
            default));
        Assert.True(holding.Wait(TimeSpan.FromSeconds(30)));
        return write;
    }

    private static Article Article(string id) => new()
    {
        Id = id,
        FeedId = "feed",
        Url = $"https://outlet.example/{id}",
        Title = $"Title {id}",
        Summary = "Summary",
        FetchedAt = T0,
    };
}
