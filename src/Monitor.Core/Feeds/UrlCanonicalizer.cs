using System.Globalization;

namespace NewsMonitor.Feeds;

/// <summary>
/// One spelling per article URL, so that the same article reached through two feeds, or republished
/// with tracking parameters, gets one id: scheme and host lower-cased, default port, fragment and
/// tracking parameters removed, the remaining parameters in a stable order. The path keeps its case
/// (servers may care).
/// </summary>
public static class UrlCanonicalizer
{
    private static readonly string[] TrackingPrefixes = ["utm_", "at_", "mc_", "pk_", "mtm_", "hsa_", "oly_"];
    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "xtor", "xtref", "ns_source", "ns_mchannel", "ns_campaign", "ref_src", "cmpid", "_ga", "ito", "ocid",
        "mkt_tok", "_hsenc", "_hsmi", "wt.mc_id", "ncid", "sr_share", "smid",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TrackingLookup = TrackingNames.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Canonicalize(Uri uri) => uri.Scheme.ToLowerInvariant() + ":" + IdentityKey(uri);

    /// <summary>The canonical form without its scheme ("//host/path?query"): what identifies an article.</summary>
    public static string IdentityKey(Uri uri)
    {
        var host = uri.IdnHost.ToLowerInvariant();
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var query = uri.Query;
        if (query.Length <= 1)
        {
            return string.Concat("//", host, port, uri.AbsolutePath);
        }

        var kept = new List<string>();
        foreach (var pair in query.AsSpan(1).Split('&'))
        {
            var parameter = query.AsSpan(1)[pair];
            var equals = parameter.IndexOf('=');
            if (parameter.Length > 0 && !IsTracking(equals < 0 ? parameter : parameter[..equals]))
            {
                kept.Add(parameter.ToString());
            }
        }

        if (kept.Count == 0)
        {
            return string.Concat("//", host, port, uri.AbsolutePath);
        }

        kept.Sort(StringComparer.Ordinal);
        return string.Concat("//", host, port, uri.AbsolutePath, "?", string.Join('&', kept));
    }

    private static bool IsTracking(ReadOnlySpan<char> name)
    {
        if (TrackingLookup.Contains(name))
        {
            return true;
        }

        foreach (var prefix in TrackingPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
