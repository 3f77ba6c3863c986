namespace NewsMonitor.Matching;

/// <summary>One enabled watchlist term: its id and its parsed query.</summary>
internal sealed record CompiledTerm(string Id, QueryNode Query);
