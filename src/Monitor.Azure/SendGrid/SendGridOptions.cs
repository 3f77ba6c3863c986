namespace NewsMonitor.Azure.SendGrid;

/// <summary>Bound from the "SendGrid" section; used when Delivery:Sender is "sendgrid".</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";
    public static readonly IReadOnlyList<string> DefaultCategories = ["news-monitor", "digest"];

    /// <summary>The API key (on Azure: a Key Vault reference in the app settings, never the key itself).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Where the v3 API is; tests point it at a local endpoint.</summary>
    public string Host { get; set; } = "https://api.sendgrid.com";

    /// <summary>SendGrid validates the message and answers 202 without delivering it (staging, load tests).</summary>
    public bool SandboxMode { get; set; }

    /// <summary>Categories for SendGrid's statistics; null means <see cref="DefaultCategories"/>.</summary>
    public string[]? Categories { get; set; }

    /// <summary>Retries after a 429 or a 5xx (or a failed connection) before the send is reported failed.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off after a 5xx; it doubles with each retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest wait before a retry. A 429 whose reset is further away fails at once (the digest stays
    /// claimed and is sent again later) rather than holding a worker for minutes.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Limit for one request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
