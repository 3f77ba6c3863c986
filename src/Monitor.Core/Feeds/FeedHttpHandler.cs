using System.Net;

namespace NewsMonitor.Feeds;

/// <summary>The HTTP stack feeds are fetched with: compression, connect limit, private-address guard.</summary>
public static class FeedHttpHandler
{
    public static SocketsHttpHandler Create(FeedFetchOptions options) => new()
    {
        AutomaticDecompression = DecompressionMethods.All,
        // FeedFetcher follows redirects itself (FeedRedirect): the handler would throw on a Location it cannot
        // parse and follow gopher: or ftp: as if they were http.
        AllowAutoRedirect = false,
        ConnectTimeout = options.ConnectTimeout,
        ConnectCallback = PrivateAddressGuard.ConnectCallback(AddressPolicy.From(options)),

        // Through a proxy the guard would judge the proxy's address, not the feed's.
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
