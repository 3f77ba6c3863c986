namespace NewsMonitor.Feeds;

/// <summary>
/// The only links this monitor stores or makes into anchors: absolute http and https URLs. A feed can say
/// "javascript:…" or "data:…" wherever it gives a link; such a value is never kept as an article's or a site's link.
/// </summary>
public static class WebLinks
{
    public static bool IsWebLink(string? url) =>
        !string.IsNullOrWhiteSpace(url)
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The URL when it is an absolute http(s) one, else null.</summary>
    public static string? OrNull(string? url) => IsWebLink(url) ? url!.Trim() : null;
}
