using System.Net;
using System.Text.RegularExpressions;

namespace NewsMonitor.Feeds;

/// <summary>
/// Where a redirect answer sends a feed fetch, decided here rather than by the HTTP stack: only to http(s),
/// never from https down to http, and a Location that does not parse is the feed's error, not an exception.
/// Every hop still goes through the private-address guard, since it connects through the same handler.
/// </summary>
public static partial class FeedRedirect
{
    private const int ShownChars = 200;

    /// <summary>The answers a browser follows: 300, 301, 302, 303, 307, 308 (304 is "not modified", not a move).</summary>
    public static bool IsRedirect(HttpResponseMessage response) =>
        (int)response.StatusCode is >= 300 and < 400 && response.StatusCode != HttpStatusCode.NotModified
        && response.Headers.NonValidated.Contains("Location");

    /// <summary>The URL to fetch next, or null with the sentence recorded on the feed.</summary>
    public static Uri? Target(Uri current, HttpResponseMessage response, out string? error)
    {
        var location = response.Headers.NonValidated.TryGetValues("Location", out var values) ? values.FirstOrDefault()?.Trim() ?? "" : "";
        var absolute = SchemePrefix().IsMatch(location);
        if (!(absolute ? Uri.TryCreate(location, UriKind.Absolute, out var next) : Uri.TryCreate(current, location, out next)) || location.Length == 0)
        {
            error = $"redirect with an invalid Location: {Shown(location)}";
            return null;
        }

        if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
        {
            error = $"redirected to a {next.Scheme}: URL";
            return null;
        }

        if (current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
        {
            error = "redirected from https to plain http";
            return null;
        }

        error = null;
        return next;
    }

    private static string Shown(string location)
    {
        var printable = new string(location.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return printable.Length <= ShownChars ? printable : printable[..ShownChars] + "…";
    }

    // RFC 3986 scheme: a letter, then letters, digits, '+', '-' or '.', then ':'.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemePrefix();
}
