using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

/// <summary>A feed found for an address someone gave: where it is, how it was found, and what else was offered.</summary>
public sealed record DiscoveredFeed
{
    /// <summary>The address as given.</summary>
    public required string Requested { get; init; }

    /// <summary>The feed chosen: the address itself when it is a feed, else the first announced or usual feed that parsed.</summary>
    public required string Url { get; init; }

    public required FetchResult Fetched { get; init; }

    public required ParsedFeed Parsed { get; init; }

    /// <summary>How the feed was found, for a person; null when the address given was the feed itself.</summary>
    public string? FoundVia { get; init; }

    /// <summary>Every feed the page announced (the chosen one included), so a person can pick another.</summary>
    public IReadOnlyList<FeedCandidate> Alternatives { get; init; } = [];
}

/// <summary>No feed could be found at an address; the message says what was tried.</summary>
public sealed class FeedDiscoveryException(string message, string? reason = null) : Exception(message)
{
    /// <summary>The message without the address, for a caller that names the address itself (the `parse` verb).</summary>
    public string Reason { get; } = reason ?? message;
}

/// <summary>
/// Finds the feed behind an address a person gives: the address itself when it is a feed; for a web page, the feeds
/// its head announces (<see cref="FeedLinks"/>), then the usual paths (/feed, /rss.xml, /atom.xml, /feed.xml,
/// /index.xml), the first that fetches and parses being chosen. An address without a scheme is tried as https, then
/// as http. Every caller that adds a feed (API, page, <c>parse</c>, OPML import of a site) goes through here.
/// </summary>
public sealed class FeedDiscovery(FeedFetcher fetcher, FeedParser parser)
{
    /// <summary>Where sites usually keep their feed, tried when the page announces none that parses.</summary>
    public static readonly IReadOnlyList<string> UsualPaths = ["/feed", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml"];

    // A page announcing dozens of feeds (one per category) is not fetched dozens of times.
    private const int MaxAnnouncedTried = 8;

    public async Task<DiscoveredFeed> DiscoverAsync(string address, CancellationToken ct)
    {
        var (uris, schemeNote) = Addresses(address);
        FetchResult? fetched = null;
        Uri uri = uris[0];
        var failures = new List<string>();
        foreach (var attempt in uris)
        {
            uri = attempt;
            fetched = await fetcher.FetchAsync(new FeedSource { Id = ArticleIdentity.ForFeed(attempt.AbsoluteUri), Url = attempt.AbsoluteUri }, ct).ConfigureAwait(false);
            if (fetched.Status == FetchStatus.Fetched)
            {
                break;
            }

            failures.Add($"{attempt.AbsoluteUri}: {fetched.Error ?? fetched.Status.ToString()}");
        }

        if (fetched is not { Status: FetchStatus.Fetched })
        {
            // One address tried: its error is also the reason alone, for a caller that names the address itself.
            throw new FeedDiscoveryException(
                $"could not fetch {string.Join("; nor ", failures)}", uris.Count == 1 ? fetched?.Error ?? fetched?.Status.ToString() : null);
        }

        var schemeSaid = schemeNote is null ? null : $"{schemeNote} {uri.Scheme}";
        try
        {
            var parsed = parser.Parse(fetched.Body, fetched.ContentType, fetched.DocumentUri ?? uri);
            return new DiscoveredFeed { Requested = address, Url = uri.AbsoluteUri, Fetched = fetched, Parsed = parsed, FoundVia = schemeSaid };
        }
        catch (FeedParseException e) when (IsHtml(e, fetched))
        {
            return await FromPageAsync(address, uri, fetched, schemeSaid, ct).ConfigureAwait(false);
        }
        catch (FeedParseException e)
        {
            throw new FeedDiscoveryException($"{uri.AbsoluteUri} is not a feed we can read: {e.Message}");
        }
    }

    /// <summary>
    /// The feed a web page already fetched leads to: those it announces, the same site's first, then the usual paths
    /// of its site. The poll uses this for a stored feed whose URL turns out to be a page (<see cref="SiteFeedResolver"/>).
    /// </summary>
    /// <exception cref="FeedDiscoveryException">No feed found; <see cref="FeedDiscoveryException.Reason"/> says what was tried.</exception>
    public Task<DiscoveredFeed> FromPageAsync(Uri pageUri, FetchResult page, CancellationToken ct) =>
        FromPageAsync(pageUri.AbsoluteUri, pageUri, page, null, ct);

    private async Task<DiscoveredFeed> FromPageAsync(string address, Uri pageUri, FetchResult page, string? schemeSaid, CancellationToken ct)
    {
        var pageBase = page.DocumentUri ?? pageUri;
        var announced = FeedLinks.Find(FeedTextDecoder.Decode(page.Body, page.ContentType), pageBase);
        var tried = new List<string>();

        // A page may announce a feed elsewhere (a feed service, a partner) before its own: its own site's come first.
        foreach (var candidate in announced.OrderBy(c => SameSite(new Uri(c.Url), pageBase) ? 0 : 1).Take(MaxAnnouncedTried))
        {
            if (await TryAsync(candidate.Url, tried, ct).ConfigureAwait(false) is var (fetched, parsed))
            {
                return Found(candidate.Url, fetched, parsed, $"announced by the page {pageUri.AbsoluteUri}");
            }
        }

        foreach (var path in UsualPaths)
        {
            var url = new Uri(pageBase, path).AbsoluteUri;
            if (tried.Contains(url) || await TryAsync(url, tried, ct).ConfigureAwait(false) is not var (fetched, parsed))
            {
                continue;
            }

            return Found(url, fetched, parsed, $"at the usual path {path} of {pageUri.Host}");
        }

        var triedList = string.Join(", ", tried);
        throw new FeedDiscoveryException(
            $"{pageUri.AbsoluteUri} is a web page, not a feed, and no feed was found for it "
            + $"({(announced.Count == 0 ? "the page announces none" : $"the page announces {announced.Count}, none readable")}; tried {triedList})",
            announced.Count == 0
                ? $"this is a web page, not a feed; no feed link found in it (tried {triedList})"
                : $"this is a web page, not a feed; the {(announced.Count == 1 ? "feed it links to" : $"{announced.Count} feeds it links to")} could not be read (tried {triedList})");

        DiscoveredFeed Found(string url, FetchResult fetched, ParsedFeed parsed, string how) => new()
        {
            Requested = address,
            Url = url,
            Fetched = fetched,
            Parsed = parsed,
            FoundVia = schemeSaid is null ? how : $"{schemeSaid}; {how}",
            Alternatives = announced,
        };
    }

    /// <summary>One site: the same host, give or take "www.", or one host a subdomain of the other (feeds.x.org for www.x.org).</summary>
    internal static bool SameSite(Uri a, Uri b)
    {
        var x = WithoutWww(a.Host);
        var y = WithoutWww(b.Host);
        return x == y || x.EndsWith("." + y, StringComparison.Ordinal) || y.EndsWith("." + x, StringComparison.Ordinal);

        static string WithoutWww(string host) => host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private async Task<(FetchResult Fetched, ParsedFeed Parsed)?> TryAsync(string url, List<string> tried, CancellationToken ct)
    {
        tried.Add(url);
        var fetched = await fetcher.FetchAsync(new FeedSource { Id = ArticleIdentity.ForFeed(url), Url = url }, ct).ConfigureAwait(false);
        if (fetched.Status != FetchStatus.Fetched)
        {
            return null;
        }

        try
        {
            return (fetched, parser.Parse(fetched.Body, fetched.ContentType, fetched.DocumentUri ?? new Uri(url)));
        }
        catch (FeedParseException)
        {
            return null;
        }
    }

    /// <summary>The addresses to try: the one given when it has an http(s) scheme; https then http when it has none.</summary>
    private static (IReadOnlyList<Uri> Uris, string? Note) Addresses(string address)
    {
        var trimmed = address?.Trim() ?? "";
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && trimmed.Contains("://", StringComparison.Ordinal))
        {
            return uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps
                ? ([uri], null)
                : throw new FeedDiscoveryException($"'{address}' is not an http(s) URL");
        }

        if (trimmed.Length == 0 || trimmed.Contains(' ', StringComparison.Ordinal)
            || !Uri.TryCreate("https://" + trimmed, UriKind.Absolute, out var https) || !https.Host.Contains('.', StringComparison.Ordinal))
        {
            throw new FeedDiscoveryException($"'{address}' is not an http(s) URL");
        }

        return ([https, new Uri("http://" + trimmed)], "no scheme given: read over");
    }

    /// <summary>Whether a document that did not parse as a feed is a web page, where a feed may be announced.</summary>
    public static bool IsHtml(FeedParseException e, FetchResult fetched) =>
        e.Message.StartsWith("not a feed", StringComparison.Ordinal)
        && (e.Message.Contains("HTML page", StringComparison.Ordinal)
            || (fetched.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false));
}
