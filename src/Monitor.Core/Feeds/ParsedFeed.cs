namespace NewsMonitor.Feeds;

/// <summary>A feed as the parser read it, before normalisation. Text may still hold HTML.</summary>
public sealed record ParsedFeed(string? Title, string? SiteUrl, IReadOnlyList<ParsedItem> Items);

public sealed record ParsedItem
{
    public string? Id { get; init; }
    public string? Link { get; init; }
    public string? Title { get; init; }
    public string? Summary { get; init; }
    public string? Content { get; init; }
    public string? Author { get; init; }
    public string? PublishedText { get; init; }
    public DateTime? Published { get; init; }
}
