using System.Net;

namespace NewsMonitor.Server.Api;

/// <summary>Whether the server can be reached from other machines, which decides whether an API key is mandatory.</summary>
public static class ListenAddresses
{
    /// <summary>True when every URL (";"-separated, as Kestrel takes them) names localhost or a loopback address.</summary>
    public static bool AreLoopbackOnly(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsLoopback);
    }

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards ("http://*:80", "http://+:80") are not valid URI hosts; they mean every address.
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
