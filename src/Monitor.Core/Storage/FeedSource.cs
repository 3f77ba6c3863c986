namespace NewsMonitor.Storage;

/// <summary>A feed the monitor polls, with the state that makes polling polite and observable.</summary>
public sealed record FeedSource
{
    public required string Id { get; init; }
    public required string Url { get; init; }
    public string? Title { get; init; }
    public string? SiteUrl { get; init; }
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The folder the feed is filed in, as feed readers group feeds: folder titles from the outermost in, joined
    /// with "/" ("News/France"); null means the top level. See <see cref="NewsMonitor.Feeds.FeedFolder"/>.
    /// </summary>
    public string? Folder { get; init; }

    /// <summary>Overrides the configured poll interval for this feed.</summary>
    public TimeSpan? Interval { get; init; }

    public string? ETag { get; init; }
    public string? LastModified { get; init; }

    /// <summary>How long the feed itself says it stays fresh (RSS &lt;ttl&gt;), kept from the last full fetch for the 304s after it.</summary>
    public TimeSpan? TimeToLive { get; init; }

    public FeedHealth Health { get; init; } = new();
}

/// <summary>What an operator needs to see about a feed: when it last worked, why it failed, when it is tried next.</summary>
public sealed record FeedHealth
{
    public DateTimeOffset? LastAttemptAt { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>A sentence a person understands, such as "HTTP 404" or "timed out after 20 s".</summary>
    public string? LastError { get; init; }
    public int ConsecutiveFailures { get; init; }

    /// <summary>
    /// Something that happened to the feed a person should know, kept across polls: its site URL replaced by the feed
    /// found on the page, or the feed disabled as the same feed as another ("site URL https://x/ → feed https://x/feed/
    /// found by discovery on 2026-11-23").
    /// </summary>
    public string? Note { get; init; }

    /// <summary>Null means "due now" (a feed never polled).</summary>
    public DateTimeOffset? NextCheckAt { get; init; }

    public bool IsHealthy => ConsecutiveFailures == 0;
}
