using System.Security.Cryptography;
using System.Text;

namespace NewsMonitor.Feeds;

/// <summary>Stable ids: an article is the hash of its canonical URL (or GUID when it has no link); a feed, of its URL.</summary>
public static class ArticleIdentity
{
    public static string ForUrl(Uri articleUrl) => Hash("url:" + UrlCanonicalizer.Canonicalize(articleUrl), 16);

    public static string ForGuid(string guid) => Hash("guid:" + guid.Trim(), 16);

    public static string ForFeed(string feedUrl) =>
        Hash("feed:" + (Uri.TryCreate(feedUrl.Trim(), UriKind.Absolute, out var uri) ? UrlCanonicalizer.Canonicalize(uri) : feedUrl.Trim()), 8);

    private static string Hash(string text, int bytes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, bytes));
}
