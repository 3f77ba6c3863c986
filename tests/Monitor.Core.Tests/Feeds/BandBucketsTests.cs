using NewsMonitor.Feeds.Stories;

namespace NewsMonitor.Tests.Feeds;

/// <summary>
/// The story index's bucket table must hold exactly what a plain dictionary of lists would, through any mix of adds
/// and removes: a key lost after a removal moved its neighbours would make a story's versions stop finding each other.
/// </summary>
public sealed class BandBucketsTests
{
    private const int MaxBucket = 4;

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 5_000)]
    [InlineData(3, 60_000)]
    public void Holds_what_a_dictionary_of_lists_holds_through_random_adds_and_removes(int seed, int keyRange)
    {
        var random = new Random(seed);
        var table = new BandBuckets();
        var model = new Dictionary<ulong, List<int>>();
        var live = new List<(ulong Key, int Handle)>();

        for (var handle = 0; handle < 40_000; handle++)
        {
            if (live.Count > 0 && random.Next(3) == 0)
            {
                var at = random.Next(live.Count);
                var (key, removed) = live[at];
                live.RemoveAt(at);
                table.Remove(key, removed);
                model[key].Remove(removed);
                if (model[key].Count == 0)
                {
                    model.Remove(key);
                }
            }
            else
            {
                var key = Key(random.Next(keyRange));
                table.Add(key, handle, MaxBucket);
                model.TryAdd(key, []);
                if (model[key].Count < MaxBucket)
                {
                    model[key].Add(handle);
                    live.Add((key, handle));
                }
            }
        }

        Assert.Equal(model.Count, table.Count);
        foreach (var (key, handles) in model)
        {
            Assert.Equal(handles.Order(), Members(table, key).Order());
        }

        Assert.Empty(Members(table, 0xDEADBEEFUL));
    }

    [Fact]
    public void Keys_sharing_a_home_slot_stay_findable_after_any_one_of_them_is_removed()
    {
        // The same top bits: one home slot, so they sit in a run of neighbouring slots.
        ulong[] keys = [0xAB00_0000_0000_0001, 0xAB00_0000_0000_0002, 0xAB00_0000_0000_0003, 0xAB00_0000_0000_0004];
        for (var removed = 0; removed < keys.Length; removed++)
        {
            var table = new BandBuckets();
            for (var i = 0; i < keys.Length; i++)
            {
                table.Add(keys[i], i, MaxBucket);
            }

            table.Remove(keys[removed], removed);

            for (var i = 0; i < keys.Length; i++)
            {
                Assert.Equal(i == removed ? [] : [i], Members(table, keys[i]));
            }
        }
    }

    [Fact]
    public void A_full_bucket_takes_no_more_and_removing_a_handle_it_never_took_changes_nothing()
    {
        var table = new BandBuckets();
        for (var handle = 0; handle <= MaxBucket; handle++)
        {
            table.Add(7, handle, MaxBucket);
        }

        table.Remove(7, MaxBucket);
        Assert.Equal([0, 1, 2, 3], Members(table, 7));

        // Down to one, the bucket is a single handle again; down to none, the key is gone.
        foreach (var handle in new[] { 0, 1, 2 })
        {
            table.Remove(7, handle);
        }

        Assert.Equal([3], Members(table, 7));
        table.Remove(7, 3);
        Assert.Equal(0, table.Count);
    }

    // Most keys random; some packed into a few home slots, as a busy table has them.
    private static ulong Key(int n) =>
        n % 5 == 0 ? ((ulong)(uint)(n % 7) << 56) | (uint)n : (uint)n * 0x9E3779B97F4A7C15UL;

    private static List<int> Members(BandBuckets table, ulong key) =>
        !table.TryFind(key, out var single, out var list) ? [] : list is null ? [single] : [.. list];
}
