using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>A term that matched an article, with the spans of the words that made its query true.</summary>
public sealed record TermMatch(string TermId, IReadOnlyList<HighlightSpan> Highlights);
