namespace NewsMonitor.Feeds.Stories;

/// <summary>
/// What an article's text looks like to story clustering: the set of its word pairs (shingles), hashed to
/// 32 bits and sorted, and a MinHash sketch of that set for finding candidates quickly. The same wire story
/// retold by several outlets (new headline, rewritten lede, a sentence cut or added) keeps most of its word
/// pairs; different stories about the same people share only a few. Text is normalised as the watchlist does
/// (accents removed, case folded), the commonest French and English words dropped, and cut at <see cref="MaxWords"/>.
/// </summary>
/// <remarks>
/// The sketch only finds candidates (<see cref="BandKey"/>); the decision uses the exact Jaccard similarity
/// of the shingle sets, because a 64-value estimate wobbles by ±0.06, as much as the gap between a story
/// told twice (≥ 0.2 on the fixture set) and two stories about the same subject (≤ 0.07).
/// </remarks>
public sealed class StorySignature
{
    public const int HashCount = 64;
    public const int MaxWords = 300;

    /// <summary>Fewer shingles than this and two texts can agree by chance: such an article is a story of its own.</summary>
    public const int MinShingles = 12;

    private static readonly ulong[] Multipliers = Seeds(0x9E3779B97F4A7C15UL);
    private static readonly ulong[] Increments = Seeds(0xD1B54A32D192ED03UL);
    private readonly uint[] shingles;
    private readonly uint[] minimums;

    private StorySignature(uint[] shingles, uint[] minimums)
    {
        this.shingles = shingles;
        this.minimums = minimums;
    }

    /// <summary>How many distinct shingles the text has.</summary>
    public int ShingleCount => shingles.Length;

    public bool IsUsable => shingles.Length >= MinShingles;

    public static StorySignature Of(string title, string summary, string content)
    {
        var set = new HashSet<uint>();
        ulong previous = 0;
        var words = 0;
        foreach (var field in new[] { title, summary, content })
        {
            foreach (var word in StoryWords.Of(field))
            {
                if (words >= MaxWords)
                {
                    break;
                }

                if (words++ > 0)
                {
                    set.Add((uint)(Mix((previous * 31) + word) >> 32));
                }

                previous = word;
            }
        }

        var shingles = set.ToArray();
        Array.Sort(shingles);
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

        return new StorySignature(shingles, minimums);
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

    /// <summary>A 64-bit key for sketch values [band*rows, band*rows+rows): signatures sharing a band key are compared.</summary>
    public ulong BandKey(int band, int rows)
    {
        var key = (ulong)(band + 1) * 0x9E3779B97F4A7C15UL;
        for (var i = band * rows; i < (band + 1) * rows; i++)
        {
            key = Mix(key ^ minimums[i]);
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
