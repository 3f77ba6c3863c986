namespace NewsMonitor.Matching;

/// <summary>A watchlist term whose query does not parse; the whole watchlist is rejected, never half-applied.</summary>
public sealed class InvalidTermException(string termId, QueryParseException inner)
    : FormatException($"term '{termId}': {inner.Message}", inner)
{
    public string TermId { get; } = termId;
    public QueryParseException Error { get; } = inner;
}
