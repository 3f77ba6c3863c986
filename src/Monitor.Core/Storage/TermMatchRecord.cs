namespace NewsMonitor.Storage;

public enum ArticleField
{
    Title,
    Summary,
    Content,
}

/// <summary>Characters [Start, Start + Length) of one field of the original article text.</summary>
public readonly record struct HighlightSpan(ArticleField Field, int Start, int Length);

/// <summary>One (article, term) match, keyed by both ids, with the spans that made the query true.</summary>
public sealed record TermMatchRecord
{
    public required string ArticleId { get; init; }
    public required string TermId { get; init; }
    public required DateTimeOffset MatchedAt { get; init; }
    public IReadOnlyList<HighlightSpan> Highlights { get; init; } = [];
}
