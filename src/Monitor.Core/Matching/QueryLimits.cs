namespace NewsMonitor.Matching;

/// <summary>
/// Bounds on a query, so that one watchlist term can neither make matching slow nor use unbounded memory.
/// </summary>
public static class QueryLimits
{
    public const int MaxQueryLength = 1_000;
    public const int MaxNestingDepth = 32;
    public const int MaxNearDistance = 50;
    public const int MaxWordsPerQuery = 64;

    /// <summary>Longer query words are rejected; longer article words can therefore only match a prefix.</summary>
    public const int MaxWordLength = 100;
}
