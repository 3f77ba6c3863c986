namespace NewsMonitor.Matching;

/// <summary>
/// Bounds on a query, so that one watchlist term can neither make matching slow nor use unbounded memory.
/// </summary>
public static class QueryLimits
{
    /// <summary>Room for a complete list of names in several languages (a thousand words in phrases and ORs).</summary>
    public const int MaxQueryLength = 20_000;

    public const int MaxNestingDepth = 32;
    public const int MaxNearDistance = 50;

    /// <summary>Words and phrase words together, so that one term's evaluation stays small next to reading an article.</summary>
    public const int MaxWordsPerQuery = 1_000;

    /// <summary>Shorter fuzzy words are rejected: one edit away from "Act" are "art", "ace", "fact"...</summary>
    public const int MinFuzzyWordLength = 5;

    /// <summary>Longer query words are rejected; longer article words can therefore only match a prefix.</summary>
    public const int MaxWordLength = 100;
}
