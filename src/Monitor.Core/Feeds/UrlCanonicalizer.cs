using System.Text;

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

    public static string Canonicalize(Uri uri) => uri.Scheme.ToLowerInvariant() + ":" + IdentityKey(uri);

    /// <summary>The canonical form without its scheme ("//host/path?query"): what identifies an article.</summary>
    public static string IdentityKey(Uri uri)
    {
        var builder = new StringBuilder("//");
        builder.Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port);
        }

        builder.Append(uri.AbsolutePath);
        var kept = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsTracking(pair.Split('=', 2)[0]))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (kept.Count > 0)
        {
            builder.Append('?').Append(string.Join('&', kept));
        }

        return builder.ToString();
    }

    private static bool IsTracking(string name) =>
        TrackingNames.Contains(name) || TrackingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
