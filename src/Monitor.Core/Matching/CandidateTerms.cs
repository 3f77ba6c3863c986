namespace NewsMonitor.Matching;

/// <summary>The set of terms to evaluate for one article, without clearing anything between articles.</summary>
internal sealed class CandidateTerms
{
    private int[] stamps = [];
    private int[] members = [];
    private int count;
    private int generation;

    public void Reset(int termCount)
    {
        if (stamps.Length < termCount)
        {
            stamps = new int[termCount];
            members = new int[termCount];
            generation = 0;
        }

        if (generation == int.MaxValue)
        {
            Array.Clear(stamps);
            generation = 0;
        }

        generation++;
        count = 0;
    }

    public void Add(int term)
    {
        if (stamps[term] != generation)
        {
            stamps[term] = generation;
            members[count++] = term;
        }
    }

    /// <summary>The terms added, ascending (watchlist order).</summary>
    public ReadOnlySpan<int> InOrder()
    {
        var span = members.AsSpan(0, count);
        span.Sort();
        return span;
    }
}
