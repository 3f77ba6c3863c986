namespace NewsMonitor.Storage;

/// <summary>One watchlist entry: a stable id, a label for people and a query in the watchlist language.</summary>
public sealed record WatchTerm
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Query { get; init; }
    public bool MatchCase { get; init; }
    public bool Enabled { get; init; } = true;
}
