using System.Runtime.InteropServices;

namespace NewsMonitor.Feeds.Stories;

/// <summary>
/// The story index's buckets: for each band key, the handles of the entries whose sketch has it (at most the
/// maximum given to <see cref="Add"/>). An open-addressing table of key and bucket side by side, found from the key's
/// own bits.
/// </summary>
/// <remarks>
/// The index holds some 600,000 keys, far more than the processor's caches, so a look-up costs what fetching
/// memory costs. Here that is one cache line, where a Dictionary reads two (its bucket array, then its entry array),
/// and <see cref="Touch"/> fetches an article's 32 lines at once rather than one after another. The table holds no
/// object references, only numbers: writing references to young objects all over a large old array would make every
/// young-generation collection scan the array again.
/// </remarks>
internal sealed class BandBuckets
{
    private const int MinCapacity = 1024;

    // Band keys are already well-mixed 64-bit hashes: their top bits are the slot.
    private Slot[] slots = new Slot[MinCapacity];
    private int shift = 64 - 10;

    // Buckets of more than one handle (few): a slot's value is then ~(the list's handle here).
    private readonly HandlePool<List<int>> lists = new(64);

    // Stored so that the compiler keeps the reads Touch makes for their effect on the caches.
    private ulong touched;

    public int Count { get; private set; }

    /// <summary>
    /// Reads the home slot of each key, all at once: the reads do not depend on each other, so the processor fetches
    /// their cache lines in parallel, and the look-ups that follow (searching, adding, removing) find them there.
    /// </summary>
    public void Touch(ReadOnlySpan<ulong> keys)
    {
        var sum = 0UL;
        foreach (var key in keys)
        {
            sum += slots[Home(key)].Key;
        }

        touched = sum;
    }

    /// <summary>The bucket of <paramref name="key"/>: false when there is none, else one handle or a list of them.</summary>
    public bool TryFind(ulong key, out int single, out List<int>? list)
    {
        var value = slots[Locate(key)].Value;
        single = value - 1;
        list = value < 0 ? lists[~value] : null;
        return value != 0;
    }

    /// <summary>Puts <paramref name="handle"/> in the bucket of <paramref name="key"/>, unless that bucket holds <paramref name="maxBucket"/> already.</summary>
    public void Add(ulong key, int handle, int maxBucket)
    {
        // Up to 70 % full: most probes stay within the cache line of the key's home (four slots a line).
        if ((Count + 1) * 10L > slots.Length * 7L)
        {
            Grow();
        }

        ref var slot = ref slots[Locate(key)];
        if (slot.Value == 0)
        {
            slot = new Slot(key, handle + 1);
            Count++;
        }
        else if (slot.Value > 0)
        {
            slot.Value = ~lists.Add([slot.Value - 1, handle]);
        }
        else if (lists[~slot.Value].Count < maxBucket)
        {
            lists[~slot.Value].Add(handle);
        }
    }

    /// <summary>Takes <paramref name="handle"/> out of the bucket of <paramref name="key"/>, if it is there.</summary>
    public void Remove(ulong key, int handle)
    {
        var at = Locate(key);
        ref var slot = ref slots[at];
        if (slot.Value < 0)
        {
            var list = lists[~slot.Value];
            if (list.Remove(handle) && list.Count == 1)
            {
                lists.Remove(~slot.Value);
                slot.Value = list[0] + 1;
            }
        }
        else if (slot.Value == handle + 1)
        {
            Vacate(at);
        }
    }

    /// <summary>The slot holding <paramref name="key"/>, or the empty slot that ends its probe sequence.</summary>
    private int Locate(ulong key)
    {
        var mask = slots.Length - 1;
        var i = Home(key);
        while (slots[i].Value != 0 && slots[i].Key != key)
        {
            i = (i + 1) & mask;
        }

        return i;
    }

    private int Home(ulong key) => (int)(key >> shift);

    /// <summary>
    /// Empties slot <paramref name="hole"/> and moves back the slots after it that probed past it, so that every key
    /// stays reachable from its home without tombstones (backward-shift deletion for linear probing).
    /// </summary>
    private void Vacate(int hole)
    {
        var mask = slots.Length - 1;
        var i = hole;
        while (true)
        {
            i = (i + 1) & mask;
            if (slots[i].Value == 0)
            {
                break;
            }

            // The slot at i may move to the hole if its home is not cyclically within (hole, i].
            var home = Home(slots[i].Key);
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                slots[hole] = slots[i];
                hole = i;
            }
        }

        slots[hole] = default;
        Count--;
    }

    private void Grow()
    {
        var old = slots;
        slots = new Slot[old.Length * 2];
        shift--;
        foreach (var slot in old)
        {
            if (slot.Value != 0)
            {
                slots[Locate(slot.Key)] = slot;
            }
        }
    }

    /// <summary>A key and its bucket: 0 empty, n &gt; 0 the one handle n - 1, n &lt; 0 the list ~n. Twelve bytes, not sixteen.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Slot(ulong key, int value)
    {
        public ulong Key = key;
        public int Value = value;
    }
}
