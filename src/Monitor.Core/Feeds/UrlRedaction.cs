using System.Text.RegularExpressions;

namespace NewsMonitor.Feeds;

/// <summary>
/// Takes credentials out of URLs before they reach anyone but the admin reading the feed itself: anonymous answers
/// (health), error messages and log lines. A feed URL may carry a password (user:password@host) or a token in its
/// query (?token=…, ?apikey=…); the userinfo becomes *** and the value of a secret-looking parameter ***. The rest
/// of the URL is kept as written, so the person can still tell which feed it is.
/// </summary>
public static partial class UrlRedaction
{
    public const string Mask = "***";

    // Parameter names that carry credentials, compared without case; names ending in one of the suffixes count too
    // (auth_token, subscription-key, client_secret).
    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "token", "key", "apikey", "api_key", "api-key", "access_token", "secret", "password", "passwd", "pwd", "pass",
        "sig", "signature", "auth", "authorization", "code", "session", "sessionid", "session_id", "sid", "jwt",
        "credential", "credentials", "x-api-key", "hash", "otp",
    };

    private static readonly string[] SecretSuffixes = ["token", "key", "secret", "password", "signature", "session"];

    /// <summary>One URL with its userinfo and secret parameter values masked; text that is not a URL comes back unchanged.</summary>
    public static string Redact(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url ?? "";
        }

        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return url;
        }

        var authorityStart = scheme + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        var start = at < 0 ? url[..authorityEnd] : url[..authorityStart] + Mask + url[at..authorityEnd];
        var rest = url[authorityEnd..];
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        var fragment = rest.IndexOf('#', StringComparison.Ordinal);
        if (query >= 0 && (fragment < 0 || query < fragment))
        {
            var queryEnd = fragment < 0 ? rest.Length : fragment;
            rest = rest[..(query + 1)] + RedactParameters(rest[(query + 1)..queryEnd]) + rest[queryEnd..];
            fragment = fragment < 0 ? -1 : rest.IndexOf('#', query);
        }

        // A fragment can carry parameters too (an OAuth access_token after #).
        if (fragment >= 0 && rest.IndexOf('=', fragment) > 0)
        {
            rest = rest[..(fragment + 1)] + RedactParameters(rest[(fragment + 1)..]);
        }

        return start + rest;
    }

    /// <summary>Every URL inside a message (an error, a sentence) redacted as <see cref="Redact(string?)"/> does.</summary>
    public static string RedactText(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : UrlInText().Replace(text, m => Redact(m.Value));

    /// <summary>Whether a query parameter of this name holds a credential.</summary>
    public static bool IsSecretName(string name)
    {
        var decoded = Uri.UnescapeDataString(name.Replace('+', ' ')).Trim();
        return SecretNames.Contains(decoded)
            || SecretSuffixes.Any(suffix => decoded.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    private static string RedactParameters(string parameters) =>
        string.Join('&', parameters.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals > 0 && IsSecretName(pair[..equals]) ? pair[..(equals + 1)] + Mask : pair;
        }));

    // A scheme, "://", then anything up to white space or a quotation mark; punctuation that ends a sentence
    // ("could not fetch https://…: HTTP 404") is not part of it.
    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.\-]*://[^\s""'<>]*[^\s""'<>.,;:!?)\]]", RegexOptions.CultureInvariant)]
    private static partial Regex UrlInText();
}
