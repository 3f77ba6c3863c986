namespace NewsMonitor.Storage;

/// <summary>A normalised article. Text fields are plain text (HTML already removed).</summary>
public sealed record Article
{
    /// <summary>Hash of the canonical URL (or of the GUID when there is no link); see ArticleIdentity.</summary>
    public required string Id { get; init; }
    public required string FeedId { get; init; }
    public required string Url { get; init; }
    public string? Guid { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public string Content { get; init; } = "";
    public string? Author { get; init; }

    /// <summary>UTC publication time from the feed, when it gave one.</summary>
    public DateTimeOffset? Published { get; init; }
    public required DateTimeOffset FetchedAt { get; init; }

    /// <summary>Near-duplicate cluster key: the same story told by several outlets shares it.</summary>
    public string? StoryKey { get; init; }

    /// <summary>The feed's title at fetch time, shown as the article's source.</summary>
    public string? Source { get; init; }
}
