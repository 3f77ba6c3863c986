namespace NewsMonitor.Digests;

/// <summary>Bound from the "Digests" configuration section.</summary>
public sealed class DigestOptions
{
    public const string Section = "Digests";

    /// <summary>
    /// HMAC-SHA256 key that signs unsubscribe links (use 32 or more random characters). When absent, the host
    /// generates one and keeps it in the data directory (<see cref="SigningKeyFile"/>), so links survive restarts.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long an unsubscribe link in a digest keeps working.</summary>
    public TimeSpan UnsubscribeTokenLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>Where people reach this instance: unsubscribe links are {PublicBaseUrl}/api/unsubscribe?token=….</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Stories shown in one digest; the rest are counted as "N more".</summary>
    public int MaxArticles { get; set; } = DigestBuilder.DefaultMaxArticles;
}
