using System.Numerics;
using System.Runtime.CompilerServices;

namespace NewsMonitor.Matching;

/// <summary>
/// Words to keys in an open-addressing table, probed with the <see cref="WordHash"/> that the
/// scanner already computed, so that looking up an article word hashes nothing and allocates nothing.
/// </summary>
/// <remarks>
/// Most article words are in no watchlist: a bit filter, small enough to stay in the processor's
/// first-level cache, turns nearly all of them away before the table (which may not fit there) is
/// touched. Article text cannot lengthen a probe: probe sequences depend only on the watchlist's
/// words.
/// </remarks>
internal sealed class WordTable
{
    private readonly ulong[] filter;
    private readonly int filterShift;
    private readonly Slot[] slots;
    private readonly int slotShift;

    // Every word's characters, one after the other: a hit reads them without following a reference.
    private readonly char[] characters;

    public WordTable(IReadOnlyDictionary<string, int> keysByWord)
    {
        var count = keysByWord.Count;
        // At most half full, so that a probe rarely goes past the first slot.
        var slotBits = 3;
        while ((1 << slotBits) / 2 < count)
        {
            slotBits++;
        }

        slotShift = 32 - slotBits;
        slots = new Slot[1 << slotBits];

        // About 8 filter bits per word, two set per word in one 64-bit block: about one word in 20
        // not in the table passes the filter, at the cost of one memory access.
        var blockBits = Math.Clamp(BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, count) * 8)) - 6, 3, 18);
        filterShift = 32 - blockBits;
        filter = new ulong[1 << blockBits];

        characters = new char[keysByWord.Keys.Sum(word => word.Length)];
        var offset = 0;
        foreach (var (word, key) in keysByWord)
        {
            var hash = WordHash.Of(word);
            var slot = SlotOf(hash);
            while (slots[slot].Length != 0)
            {
                slot = (slot + 1) & (slots.Length - 1);
            }

            word.CopyTo(characters.AsSpan(offset));
            slots[slot] = new Slot(hash, key, offset, word.Length);
            offset += word.Length;
            Count++;
            filter[FilterBlockOf(hash)] |= FilterMaskOf(hash);
        }
    }

    public int Count { get; }

    /// <param name="word">The word looked up.</param>
    /// <param name="hash">Its <see cref="WordHash"/>.</param>
    /// <param name="key">The key of the word, when found.</param>
    public bool TryGetKey(ReadOnlySpan<char> word, uint hash, out int key)
    {
        if (!MayContain(hash))
        {
            key = -1;
            return false;
        }

        var slot = SlotOf(hash);
        while (true)
        {
            ref readonly var candidate = ref slots[slot];
            if (candidate.Length == 0)
            {
                key = -1;
                return false;
            }

            if (candidate.Hash == hash && Equals(word, characters.AsSpan(candidate.Offset, candidate.Length)))
            {
                key = candidate.Key;
                return true;
            }

            slot = (slot + 1) & (slots.Length - 1);
        }
    }

    /// <summary>False when no word of the table has this hash; true when one may have it.</summary>
    public bool MayContain(uint hash)
    {
        var mask = FilterMaskOf(hash);
        return (filter[FilterBlockOf(hash)] & mask) == mask;
    }

    // Words are short: a plain loop beats a call to the vectorised comparison.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Equals(ReadOnlySpan<char> word, ReadOnlySpan<char> stored)
    {
        if (word.Length != stored.Length)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            if (word[i] != stored[i])
            {
                return false;
            }
        }

        return true;
    }

    // Fibonacci hashing spreads FNV's weak low bits; filter and table use different multipliers
    // so that a word colliding in one is unlikely to collide in the other.
    private int SlotOf(uint hash) => (int)((hash * 2654435769u) >> slotShift);

    private int FilterBlockOf(uint hash) => (int)((hash * 2246822519u) >> filterShift);

    private static ulong FilterMaskOf(uint hash)
    {
        var mixed = hash * 3266489917u;
        return (1UL << (int)(mixed >> 26)) | (1UL << (int)((mixed >> 20) & 63));
    }

    /// <param name="Offset">Where the word's characters start in <see cref="characters"/>.</param>
    /// <param name="Length">The word's length; 0 for an empty slot (words are never empty).</param>
    private readonly record struct Slot(uint Hash, int Key, int Offset, int Length);
}
