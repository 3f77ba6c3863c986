using System.Net;
using System.Text.RegularExpressions;

namespace NewsMonitor.Feeds;

/// <summary>A feed a web page announces, or a usual feed address tried for it.</summary>
public sealed record FeedCandidate(string Url, string? Title, string? Type);

/// <summary>
/// The feeds an HTML page announces in its head: <c>&lt;link rel="alternate"&gt;</c> with an RSS, Atom or JSON Feed
/// type, in page order, relative addresses resolved against the page's <c>&lt;base href&gt;</c> or its own address.
/// A scan of the link tags, not an HTML parser: only these few attributes matter.
/// </summary>
public static partial class FeedLinks
{
    private static readonly HashSet<string> FeedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/rdf+xml", "text/xml", "application/xml",
    };

    public static IReadOnlyList<FeedCandidate> Find(string html, Uri pageUri)
    {
        ArgumentNullException.ThrowIfNull(html);
        var baseUri = pageUri;
        if (BaseTag().Match(html) is { Success: true } baseTag
            && Attributes(baseTag.Value).TryGetValue("href", out var baseHref)
            && Uri.TryCreate(pageUri, baseHref, out var declared))
        {
            baseUri = declared;
        }

        var found = new List<FeedCandidate>();
        foreach (Match tag in LinkTag().Matches(html))
        {
            var attributes = Attributes(tag.Value);
            var rel = attributes.GetValueOrDefault("rel") ?? "";
            var type = attributes.GetValueOrDefault("type")?.Trim();
            if (!rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("alternate", StringComparer.OrdinalIgnoreCase)
                || type is null || !FeedTypes.Contains(type.Split(';')[0].Trim())
                || !attributes.TryGetValue("href", out var href) || string.IsNullOrWhiteSpace(href)
                || !Uri.TryCreate(baseUri, href.Trim(), out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                continue;
            }

            if (found.TrueForAll(c => c.Url != url.AbsoluteUri))
            {
                found.Add(new FeedCandidate(url.AbsoluteUri, attributes.GetValueOrDefault("title")?.Trim() is { Length: > 0 } title ? title : null, type));
            }
        }

        return found;
    }

    private static Dictionary<string, string> Attributes(string tag)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in Attribute().Matches(tag))
        {
            var value = attribute.Groups["dq"].Success ? attribute.Groups["dq"].Value
                : attribute.Groups["sq"].Success ? attribute.Groups["sq"].Value
                : attribute.Groups["bare"].Value;
            attributes.TryAdd(attribute.Groups["name"].Value, WebUtility.HtmlDecode(value));
        }

        return attributes;
    }

    [GeneratedRegex("""<link\b[^>]*>""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkTag();

    [GeneratedRegex("""<base\b[^>]*>""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BaseTag();

    [GeneratedRegex("""(?<name>[A-Za-z:-]+)\s*=\s*(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<bare>[^\s>]+))""", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
