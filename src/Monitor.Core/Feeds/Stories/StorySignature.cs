using System.Numerics;
using System.Runtime.InteropServices;

namespace NewsMonitor.Feeds.Stories;

/// <summary>
/// What an article's text looks like to story clustering: the set of its word pairs (shingles), hashed to
/// 32 bits and sorted, and a MinHash sketch of that set for finding candidates quickly. The same wire story
/// retold by several outlets (new headline, rewritten lede, a sentence cut or added) keeps most of its word
/// pairs; different stories about the same people share only a few. Text is normalised as the watchlist does
/// (accents removed, case folded), the commonest French and English words dropped, and cut at <see cref="MaxWords"/>.
/// </summary>
/// <remarks>
/// The sketch only finds candidates (<see cref="BandKeys"/>); the decision uses the exact Jaccard similarity
/// of the shingle sets, because a 64-value estimate wobbles by ±0.06, as much as the gap between a story
/// told twice (≥ 0.2 on the fixture set) and two stories about the same subject (≤ 0.07).
/// </remarks>
public sealed class StorySignature
{
    public const int HashCount = 64;

    /// <summary>The sketch is cut into this many bands of <see cref="Rows"/> values; signatures sharing a band's key are compared.</summary>
    public const int Bands = 32;
    public const int Rows = HashCount / Bands;
    public const int MaxWords = 300;

    /// <summary>Fewer shingles than this and two texts can agree by chance: such an article is a story of its own.</summary>
    public const int MinShingles = 12;

    private static readonly Vector<uint>[] Multipliers = Seeds(0x9E3779B97F4A7C15UL);
    private static readonly Vector<uint>[] Increments = Seeds(0xD1B54A32D192ED03UL);

    [ThreadStatic]
    private static ulong[]? wordBuffer;

    private static readonly ulong[] NoBands = [];

    private readonly uint[] shingles;
    private readonly ulong[] bandKeys;

    private StorySignature(uint[] shingles, ulong[] bandKeys)
    {
        this.shingles = shingles;
        this.bandKeys = bandKeys;
    }

    /// <summary>
    /// One 64-bit key per band of the sketch (none when the signature is not usable): the sketch itself is not kept,
    /// only what the index looks candidates up by.
    /// </summary>
    public ReadOnlySpan<ulong> BandKeys => bandKeys;

    /// <summary>How many distinct shingles the text has.</summary>
    public int ShingleCount => shingles.Length;

    public bool IsUsable => shingles.Length >= MinShingles;

    public static StorySignature Of(string title, string summary, string content)
    {
        var words = wordBuffer ??= new ulong[MaxWords];
        var count = StoryWords.Append(title, words, 0);
        count = StoryWords.Append(summary, words, count);
        count = StoryWords.Append(content, words, count);
        var pairs = new uint[Math.Max(0, count - 1)];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = (uint)(StableHash.Mix((words[i] * 31) + words[i + 1]) >> 32);
        }

        Array.Sort(pairs);
        var distinct = pairs.Length == 0 ? 0 : 1;
        for (var i = 1; i < pairs.Length; i++)
        {
            if (pairs[i] != pairs[distinct - 1])
            {
                pairs[distinct++] = pairs[i];
            }
        }

        var shingles = distinct == pairs.Length ? pairs : pairs[..distinct];
        if (shingles.Length < MinShingles)
        {
            return new StorySignature(shingles, NoBands);
        }

        Span<uint> sketch = stackalloc uint[HashCount];
        MinHash(shingles, sketch);
        var keys = new ulong[Bands];
        for (var band = 0; band < Bands; band++)
        {
            keys[band] = BandKey(sketch, band);
        }

        return new StorySignature(shingles, keys);
    }

    /// <summary>For each of the <see cref="HashCount"/> hash functions, the smallest hash of any shingle; computed a vector of functions at a time.</summary>
    private static void MinHash(uint[] shingles, Span<uint> result)
    {
        var blocks = Multipliers.Length;
        result.Fill(uint.MaxValue);
        var minimums = MemoryMarshal.Cast<uint, Vector<uint>>(result);
        foreach (var shingle in shingles)
        {
            var x = new Vector<uint>(shingle);
            for (var b = 0; b < blocks; b++)
            {
                // Multiply-add, then a murmur-style finaliser: each function a different, well-mixed permutation.
                var h = (x * Multipliers[b]) + Increments[b];
                h ^= Vector.ShiftRightLogical(h, 16);
                h *= new Vector<uint>(0x85EBCA6BU);
                h ^= Vector.ShiftRightLogical(h, 13);
                h *= new Vector<uint>(0xC2B2AE35U);
                h ^= Vector.ShiftRightLogical(h, 16);
                minimums[b] = Vector.Min(minimums[b], h);
            }
        }
    }

    /// <summary>The Jaccard similarity of the two shingle sets: shared pairs over all pairs.</summary>
    public double Jaccard(StorySignature other)
    {
        var shared = Shared(other);
        var union = shingles.Length + other.shingles.Length - shared;
        return union == 0 ? 0 : (double)shared / union;
    }

    /// <summary>The share of the shorter text's pairs found in the longer one: an outlet that runs only the first paragraphs still tells the story.</summary>
    public double Containment(StorySignature other)
    {
        var smaller = Math.Min(shingles.Length, other.shingles.Length);
        return smaller == 0 ? 0 : (double)Shared(other) / smaller;
    }

    /// <summary>A 64-bit key for sketch values [band*Rows, band*Rows+Rows).</summary>
    private static ulong BandKey(ReadOnlySpan<uint> sketch, int band)
    {
        var key = (ulong)(band + 1) * 0x9E3779B97F4A7C15UL;
        for (var i = band * Rows; i < (band + 1) * Rows; i++)
        {
            key = StableHash.Mix(key ^ sketch[i]);
        }

        return key;
    }

    private int Shared(StorySignature other)
    {
        int i = 0, j = 0, shared = 0;
        var a = shingles;
        var b = other.shingles;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }

    private static Vector<uint>[] Seeds(ulong seed)
    {
        var values = new uint[HashCount];
        for (var i = 0; i < HashCount; i++)
        {
            seed += 0x9E3779B97F4A7C15UL;
            values[i] = (uint)StableHash.Mix(seed) | 1;
        }

        return MemoryMarshal.Cast<uint, Vector<uint>>(values).ToArray();
    }
}
