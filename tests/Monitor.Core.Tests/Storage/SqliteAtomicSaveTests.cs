using Microsoft.Data.Sqlite;
using NewsMonitor.Storage;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Storage;

/// <summary>
/// An import is one save, and a save is one transaction: a failure in the middle of writing it (here a row the
/// schema refuses, half-way through) leaves the store as it was, neither the rows before it nor the deletions applied.
/// </summary>
public sealed class SqliteAtomicSaveTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly SqliteDatabase db;

    public SqliteAtomicSaveTests() => db = new SqliteDatabase(temp.Combine("monitor.db"));

    public void Dispose()
    {
        db.Dispose();
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    [Fact]
    public async Task A_term_save_failing_half_way_leaves_the_watchlist_unchanged()
    {
        var store = new SqliteTermStore(db);
        await store.UpsertTermAsync(Term("mistral"));
        await store.UpsertTermAsync(Term("aiact"));
        var incoming = Enumerable.Range(0, 3000).Select(i => Term($"t{i}")).ToList();
        incoming[1500] = incoming[1500] with { Name = null! };

        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveTermsAsync([Term("mistral") with { Query = "changed" }, .. incoming], ["aiact"]));

        Assert.Equal([Term("mistral"), Term("aiact")], await store.ListTermsAsync());
    }

    [Fact]
    public async Task A_feed_save_failing_half_way_leaves_the_feeds_unchanged()
    {
        var store = new SqliteFeedStore(db);
        var kept = Enumerable.Range(0, 10).Select(i => new FeedSource { Id = $"old{i}", Url = $"https://old{i}.example/feed" }).ToList();
        await store.UpsertFeedsAsync(kept);
        var incoming = Enumerable.Range(0, 10_001).Select(i => new FeedSource { Id = $"f{i}", Url = $"https://{i}.example/feed" }).ToList();
        incoming[5000] = incoming[5000] with { Url = null! };

        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveFeedsAsync(incoming, [.. kept.Select(f => f.Id)]));

        Assert.Equal(kept.Select(f => f.Id), (await store.ListFeedsAsync()).Select(f => f.Id));
    }

    [Fact]
    public async Task A_subscriber_save_failing_half_way_stores_none_of_them()
    {
        var store = new SqliteSubscriberStore(db);
        var incoming = Enumerable.Range(0, 100).Select(i => new Subscriber { Id = $"s{i}", Email = $"s{i}@example.org" }).ToList();
        incoming[50] = incoming[50] with { Email = null! };

        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveSubscribersAsync(incoming));

        Assert.Empty(await store.ListSubscribersAsync());
    }

    private static WatchTerm Term(string id) => new() { Id = id, Name = id, Query = id };
}
