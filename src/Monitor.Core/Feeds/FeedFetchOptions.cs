namespace NewsMonitor.Feeds;

/// <summary>Limits and manners for fetching feeds. Bound from the "Feeds" configuration section.</summary>
public sealed class FeedFetchOptions
{
    public const string Section = "Feeds";

    /// <summary>Whole-request time limit, headers and body.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A larger body is cut off and the fetch fails: a feed is not a download. Counted after decompression.</summary>
    public long MaxBodyBytes { get; set; } = 5 * 1024 * 1024;
    public int MaxRedirects { get; set; } = 5;
    public string UserAgent { get; set; } = "NewsMonitor/1.0 (+https://github.com/news-monitor)";

    /// <summary>Lets feeds on loopback, private and link-local addresses be fetched (tests, intranets).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>
    /// Networks allowed although private (CIDR, such as "127.0.0.0/8" or "10.1.0.0/16"): a narrower
    /// opening than <see cref="AllowPrivateAddresses"/>, which allows them all.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>How often a feed is checked when it says nothing of its own.</summary>
    public TimeSpan DefaultInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How many feeds are polled at once in a cycle. Most of a real poll is waiting for a distant server, and the
    /// polls waiting for the store's turn to write get written together (one commit), so this is well above the
    /// number of cores; <see cref="MaxConcurrencyPerHost"/> keeps it polite.
    /// </summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>How many requests one host gets at once, however many of its feeds are due: politeness.</summary>
    public int MaxConcurrencyPerHost { get; set; } = 2;
}
