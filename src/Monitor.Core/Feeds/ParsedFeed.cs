namespace NewsMonitor.Feeds;

/// <summary>A feed as the parser read it, before normalisation. Text may still hold HTML.</summary>
public sealed record ParsedFeed(string? Title, string? SiteUrl, IReadOnlyList<ParsedItem> Items)
{
    /// <summary>How long the feed says it stays fresh (RSS &lt;ttl&gt;, or the syndication module's update period).</summary>
    public TimeSpan? TimeToLive { get; init; }
}

public sealed record ParsedItem
{
    public string? Id { get; init; }

    /// <summary>False for an RSS guid marked isPermaLink="false": an identifier that must not be taken for the article's address.</summary>
    public bool IdIsLink { get; init; } = true;
    public string? Link { get; init; }
    public string? Title { get; init; }
    public string? Summary { get; init; }
    public string? Content { get; init; }
    public string? Author { get; init; }
    public string? PublishedText { get; init; }
    public DateTime? Published { get; init; }

    /// <summary>What relative links of this item are relative to: the document's URL, with any xml:base in scope applied.</summary>
    public Uri? BaseUri { get; init; }
}
