using System.Net;
using System.Net.Sockets;

namespace NewsMonitor.Feeds;

/// <summary>
/// Refuses connections to loopback, private, link-local, multicast and cloud-metadata addresses
/// (169.254.169.254 and its IPv6 forms), so a feed URL (or a redirect) cannot reach inside the network
/// the monitor runs in. Checked at connect time, after DNS, which also covers redirects and DNS rebinding.
/// </summary>
public static class PrivateAddressGuard
{
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10
                || b[0] == 0
                || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                || b[0] >= 224);
        }

        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        // IPv4 addresses carried inside IPv6 (NAT64, 6to4) are judged as the IPv4 address they reach.
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        }

        return !SixToFour.Contains(address) || IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
    }

    /// <summary>
    /// A ConnectCallback for SocketsHttpHandler that resolves, keeps the addresses <paramref name="policy"/>
    /// allows, then connects; none left means a <see cref="PrivateAddressException"/> and no connection at all.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(AddressPolicy policy) =>
        async (context, ct) =>
        {
            // IPv6 literals arrive in brackets; parsed here, they never reach DNS.
            var host = context.DnsEndPoint.Host.Trim('[', ']');
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
            var allowed = addresses.Where(policy.Allows).ToArray();
            if (allowed.Length == 0)
            {
                throw new PrivateAddressException(host);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    /// <summary>Kept for callers of the first version: all private addresses allowed, or none.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(bool allowPrivate) =>
        ConnectCallback(new AddressPolicy(allowPrivate, []));
}

/// <summary>Which addresses feeds may be fetched from: public ones, plus the private networks configuration opens.</summary>
public sealed class AddressPolicy(bool allowPrivate, IEnumerable<IPNetwork> allowedNetworks)
{
    private readonly IPNetwork[] allowed = allowedNetworks.ToArray();

    public static AddressPolicy From(FeedFetchOptions options)
    {
        var networks = new List<IPNetwork>();
        foreach (var text in options.AllowedNetworks)
        {
            networks.Add(IPNetwork.TryParse(text.Trim(), out var network) ? network
                : IPAddress.TryParse(text.Trim(), out var single) ? new IPNetwork(single, single.GetAddressBytes().Length * 8)
                : throw new FormatException($"Feeds:AllowedNetworks: '{text}' is not a network (CIDR such as 127.0.0.0/8) nor an address"));
        }

        return new AddressPolicy(options.AllowPrivateAddresses, networks);
    }

    public bool Allows(IPAddress address)
    {
        if (allowPrivate || PrivateAddressGuard.IsPublic(address))
        {
            return true;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Any(n => n.Contains(plain));
    }
}

public sealed class PrivateAddressException(string host)
    : HttpRequestException($"refused: {host} is a private, loopback, link-local or metadata address (set Feeds:AllowPrivateAddresses or Feeds:AllowedNetworks to allow it)")
{
    public string Host { get; } = host;
}
