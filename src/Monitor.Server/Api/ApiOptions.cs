namespace NewsMonitor.Server.Api;

/// <summary>Bound from the "Api" configuration section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";
    public const string KeyHeader = "X-Api-Key";

    /// <summary>
    /// The key admin routes require in the X-Api-Key header. Required when the server listens on anything but
    /// loopback; when unset on loopback, admin routes are open to the local machine.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>Larger request bodies are refused with 413 (a watchlist or OPML file is a few kilobytes).</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
