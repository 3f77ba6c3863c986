namespace NewsMonitor.Digests;

/// <summary>Bound from the "Digests" configuration section.</summary>
public sealed class DigestOptions
{
    public const string Section = "Digests";

    /// <summary>The key unsubscribe links are signed with. Unset: a random key per process (links die on restart).</summary>
    public string? SigningKey { get; set; }

    public TimeSpan UnsubscribeTokenLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>Where people reach the API, for the links in emails.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    public int MaxArticles { get; set; } = 50;
}
