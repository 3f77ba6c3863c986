using NewsMonitor.Matching;

namespace NewsMonitor.Feeds.Stories;

/// <summary>
/// A MinHash sketch of an article's text: the same wire story retold by several outlets (new headline,
/// rewritten lede, a sentence cut or added) keeps most of its word pairs, so most of its minimums.
/// Text is normalised as the watchlist does (accents removed, case folded), common French and English
/// words dropped, and cut at <see cref="MaxWords"/> words; shingles are pairs of consecutive words.
/// </summary>
public sealed class StorySignature
{
    public const int HashCount = 64;
    public const int MaxWords = 300;

    /// <summary>Fewer shingles than this and two texts can agree by chance: such an article is a story of its own.</summary>
    public const int MinShingles = 12;

    private static readonly ulong[] Multipliers = Seeds(0x9E3779B97F4A7C15UL);
    private static readonly ulong[] Increments = Seeds(0xD1B54A32D192ED03UL);

    private StorySignature(uint[] minimums, int shingleCount)
    {
        Minimums = minimums;
        ShingleCount = shingleCount;
    }

    public IReadOnlyList<uint> Minimums { get; }

    /// <summary>How many distinct shingles the text had (an upper bound after hashing).</summary>
    public int ShingleCount { get; }

    public bool IsUsable => ShingleCount >= MinShingles;

    public static StorySignature Of(string title, string summary, string content)
    {
        var shingles = new HashSet<ulong>();
        ulong previous = 0;
        var words = 0;
        foreach (var field in new[] { title, summary, content })
        {
            foreach (var word in StoryWords.Of(field))
            {
                if (words++ > 0)
                {
                    shingles.Add(Mix(previous * 31 + word));
                }

                previous = word;
                if (words >= MaxWords)
                {
                    break;
                }
            }

            if (words >= MaxWords)
            {
                break;
            }
        }

        var minimums = new uint[HashCount];
        Array.Fill(minimums, uint.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < HashCount; i++)
            {
                var h = (uint)(((shingle * Multipliers[i]) + Increments[i]) >> 32);
                if (h < minimums[i])
                {
                    minimums[i] = h;
                }
            }
        }

        return new StorySignature(minimums, shingles.Count);
    }

    /// <summary>The estimated Jaccard similarity of the two shingle sets: the share of equal minimums.</summary>
    public double Jaccard(StorySignature other)
    {
        var equal = 0;
        for (var i = 0; i < HashCount; i++)
        {
            if (Minimums[i] == other.Minimums[i])
            {
                equal++;
            }
        }

        return (double)equal / HashCount;
    }

    /// <summary>
    /// The estimated share of the shorter text found in the longer one (from Jaccard and the set sizes):
    /// an outlet that runs only the first paragraphs of a story still tells that story.
    /// </summary>
    public double Containment(StorySignature other)
    {
        var jaccard = Jaccard(other);
        var intersection = jaccard * (ShingleCount + other.ShingleCount) / (1 + jaccard);
        return intersection / Math.Max(1, Math.Min(ShingleCount, other.ShingleCount));
    }

    /// <summary>A 64-bit key for rows [band*rows, band*rows+rows) of the sketch, for locality-sensitive lookup.</summary>
    public ulong BandKey(int band, int rows)
    {
        var key = (ulong)band * 0x9E3779B97F4A7C15UL;
        for (var i = band * rows; i < (band + 1) * rows; i++)
        {
            key = Mix(key ^ Minimums[i]);
        }

        return key;
    }

    internal static ulong Mix(ulong x)
    {
        // SplitMix64's finaliser: cheap, and every input bit reaches every output bit.
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong[] Seeds(ulong seed)
    {
        var values = new ulong[HashCount];
        for (var i = 0; i < HashCount; i++)
        {
            seed += 0x9E3779B97F4A7C15UL;
            values[i] = Mix(seed) | 1;
        }

        return values;
    }
}
