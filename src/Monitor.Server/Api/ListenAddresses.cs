using System.Net;
using Microsoft.AspNetCore.Http;

namespace NewsMonitor.Server.Api;

/// <summary>
/// Whether the server can be reached from other machines, which decides whether an API key is mandatory. Listen URLs
/// are read with Kestrel's own parser (<see cref="BindingAddress"/>) and Kestrel's own rule for the host: "localhost"
/// binds loopback, an IP literal binds that address, and any other host (a name, "*", "+", or a host that
/// <see cref="Uri"/> would read differently, such as "x@127.0.0.1") binds every interface. So what is judged here is
/// what Kestrel will bind, not what another parser thinks the URL says.
/// </summary>
public static class ListenAddresses
{
    /// <summary>Why <paramref name="urls"/> (";"-separated, as Kestrel takes them) cannot be listened on at all, or null.</summary>
    public static string? Problem(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in Split(urls))
        {
            // User info means nothing to a listener, and it is where URL parsers disagree about the host.
            if (url.Contains('@', StringComparison.Ordinal))
            {
                return $"the listen URL {url} contains \"@\" (user info): give a scheme, a host and a port only, such as http://127.0.0.1:5080";
            }

            if (!TryParse(url, out _))
            {
                return $"the listen URL {url} is not valid: give a scheme, a host and a port, such as http://127.0.0.1:5080";
            }
        }

        return null;
    }

    /// <summary>True when Kestrel, given these URLs, binds loopback addresses (or local Unix sockets) only.</summary>
    public static bool AreLoopbackOnly(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return Problem(urls) is null && Split(urls).All(url => TryParse(url, out var address) && BindsLoopbackOnly(address));
    }

    /// <summary>
    /// True when every address the server reports as bound (IServerAddressesFeature: "http://127.0.0.1:41234",
    /// "http://localhost:5080", "http://[::]:5080") is loopback. This is the check after binding, whatever the
    /// configuration said.
    /// </summary>
    public static bool AreBoundToLoopbackOnly(IEnumerable<string> boundAddresses)
    {
        ArgumentNullException.ThrowIfNull(boundAddresses);
        var addresses = boundAddresses.ToList();
        return addresses.Count > 0 && addresses.All(a => TryParse(a, out var address) && BindsLoopbackOnly(address));
    }

    /// <summary>A caller on this machine: a loopback peer, or none at all (a Unix socket, an in-process test server).</summary>
    public static bool IsLocalCaller(IPAddress? remote) => remote is null || IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);

    private static IEnumerable<string> Split(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryParse(string url, out BindingAddress address)
    {
        try
        {
            address = BindingAddress.Parse(url);
            return address.IsUnixPipe || (address.Host.Length > 0 && !address.Host.Contains('@', StringComparison.Ordinal));
        }
        catch (FormatException)
        {
            address = null!;
            return false;
        }
    }

    private static bool BindsLoopbackOnly(BindingAddress address)
    {
        if (address.IsUnixPipe)
        {
            return true;
        }

        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(address.Host, out var ip) && IPAddress.IsLoopback(ip);
    }
}
