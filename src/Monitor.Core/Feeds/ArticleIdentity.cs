using System.Security.Cryptography;
using System.Text;

namespace NewsMonitor.Feeds;

/// <summary>Stable ids: an article is the hash of its canonical URL (or GUID when it has no link); a feed, of its URL.</summary>
public static class ArticleIdentity
{
    /// <summary>http and https name the same article: feeds disagree on the scheme more often than sites serve two articles.</summary>
    public static string ForUrl(Uri articleUrl) => Hash("url:" + UrlCanonicalizer.IdentityKey(articleUrl), 16);

    /// <summary>Scoped by feed: many feeds number their items "1", "2", … and call that a GUID.</summary>
    public static string ForGuid(string feedId, string guid) => Hash($"guid:{feedId}\n{guid.Trim()}", 16);

    /// <summary>For an item with neither link nor GUID: its feed and its text are all that identify it.</summary>
    public static string ForText(string feedId, string title, string text) => Hash($"text:{feedId}\n{title}\n{text}", 16);

    public static string ForFeed(string feedUrl) =>
        Hash("feed:" + (Uri.TryCreate(feedUrl.Trim(), UriKind.Absolute, out var uri) ? UrlCanonicalizer.Canonicalize(uri) : feedUrl.Trim()), 8);

    private static string Hash(string text, int bytes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, bytes));
}
