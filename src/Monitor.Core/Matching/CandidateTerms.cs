using System.Numerics;

namespace NewsMonitor.Matching;

/// <summary>The set of terms to evaluate for one article, as bits, so that it reads back in watchlist order without sorting.</summary>
internal sealed class CandidateTerms
{
    private ulong[] bits = [];
    private int[] ordered = [];
    private int termCount;

    public void Reset(int terms)
    {
        var words = (terms + 63) / 64;
        if (bits.Length < words)
        {
            bits = new ulong[words];
        }

        if (ordered.Length < terms)
        {
            ordered = new int[terms];
        }

        // One bit per term: clearing 10,000 terms is 157 words.
        Array.Clear(bits, 0, words);
        termCount = terms;
    }

    public bool Contains(int term) => (bits[term >> 6] & (1UL << term)) != 0;

    public void Add(int term) => bits[term >> 6] |= 1UL << term;

    /// <summary>The terms added, ascending (watchlist order).</summary>
    public ReadOnlySpan<int> InOrder()
    {
        var count = 0;
        var words = (termCount + 63) / 64;
        for (var word = 0; word < words; word++)
        {
            for (var remaining = bits[word]; remaining != 0; remaining &= remaining - 1)
            {
                ordered[count++] = (word << 6) + BitOperations.TrailingZeroCount(remaining);
            }
        }

        return ordered.AsSpan(0, count);
    }
}
