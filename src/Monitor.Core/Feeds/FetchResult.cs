namespace NewsMonitor.Feeds;

public enum FetchStatus
{
    Fetched,
    NotModified,
    Failed,
}

/// <summary>What one conditional GET of a feed produced.</summary>
public sealed record FetchResult
{
    public required FetchStatus Status { get; init; }
    public byte[] Body { get; init; } = [];
    public string? ContentType { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }

    /// <summary>The URL after redirects.</summary>
    public Uri? FinalUri { get; init; }

    /// <summary>The response's Content-Location, made absolute: where the server says this document lives.</summary>
    public Uri? ContentLocation { get; init; }

    /// <summary>The base for the document's relative links: its Content-Location when given, else the URL after redirects.</summary>
    public Uri? DocumentUri => ContentLocation ?? FinalUri;

    /// <summary>A sentence a person understands, when <see cref="Status"/> is Failed.</summary>
    public string? Error { get; init; }

    /// <summary>How long the server asked us to wait before trying again (Retry-After on 429, 503 and other failures).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>How long the server says the response stays fresh (Cache-Control max-age, or Expires).</summary>
    public TimeSpan? FreshFor { get; init; }

    public static FetchResult Failure(string error, TimeSpan? retryAfter = null) =>
        new() { Status = FetchStatus.Failed, Error = error, RetryAfter = retryAfter };
}
