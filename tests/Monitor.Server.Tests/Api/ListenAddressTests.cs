using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using NewsMonitor.Server.Api;
using NewsMonitor.Server.Cli;
using NewsMonitor.Server.Hosting;

namespace NewsMonitor.Tests.Api;

/// <summary>
/// The listen check replayed as the hostile probe tried it: URLs that System.Uri reads as loopback while Kestrel binds
/// every interface, a listener that binds differently from its URL, and a caller from another machine.
/// </summary>
public sealed partial class ListenAddressTests
{
    [Theory]
    [InlineData("http://x@127.0.0.1:5990")]
    [InlineData("http://0.0.0.0:5991@127.0.0.1:5990")]
    [InlineData("http://user:pass@localhost:5990")]
    [InlineData("http://127.0.0.1:5080;http://x@[::1]:5990")]
    public void A_listen_URL_with_user_info_is_refused_even_with_a_key(string urls)
    {
        var open = Assert.Throws<InvalidOperationException>(() => ServerApp.Build([], urls));
        var keyed = Assert.Throws<InvalidOperationException>(() => ServerApp.Build(["--Api:Key=k"], urls));

        Assert.Contains("contains \"@\" (user info)", open.Message);
        Assert.Equal(open.Message, keyed.Message);
        Assert.False(ListenAddresses.AreLoopbackOnly(urls));
    }

    [Fact]
    public async Task Serve_with_user_info_in_its_URL_says_why_and_binds_nothing()
    {
        var port = FreePort();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await MonitorCli.RunAsync(["serve", "--urls", $"http://x@127.0.0.1:{port}"], output, error);

        Assert.Equal(1, exit);
        Assert.Equal($"the listen URL http://x@127.0.0.1:{port} contains \"@\" (user info): give a scheme, a host and a port only, such as http://127.0.0.1:5080", error.ToString().Trim());
        Assert.False(await AcceptsConnectionsAsync(port));
    }

    [Theory]
    [InlineData("http://127.0.0.1.nip.io:5080")]
    [InlineData("http://localhost.example.org:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://0:5080")]
    [InlineData("http://127.0.0.1:5080/;http://*:5081")]
    public void Hosts_that_Kestrel_binds_to_every_interface_are_not_loopback(string urls) =>
        Assert.False(ListenAddresses.AreLoopbackOnly(urls));

    [Theory]
    [InlineData("http://127.1:5080")]
    [InlineData("http://LOCALHOST:5080")]
    [InlineData("http://[::1]:5080/")]
    [InlineData("http://unix:/tmp/monitor.sock")]
    public void Addresses_Kestrel_binds_on_loopback_or_a_local_socket_are_loopback(string urls) =>
        Assert.True(ListenAddresses.AreLoopbackOnly(urls));

    [Theory]
    [InlineData("127.0.0.1:5080")]
    [InlineData("http://")]
    public void A_listen_URL_Kestrel_cannot_read_is_refused(string urls)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServerApp.Build(["--Api:Key=k"], urls));

        Assert.Contains("is not valid", error.Message);
    }

    [Fact]
    public async Task A_server_that_bound_beyond_loopback_without_a_key_is_stopped_before_use()
    {
        // The URL passes the check, but the listener is told otherwise: only the bound addresses can tell.
        var app = ServerApp.Build(
            ["--Storage:DataDirectory=" + Path.Combine(Path.GetTempPath(), "nm-listen-" + Guid.NewGuid().ToString("N"))],
            "http://127.0.0.1:0",
            builder => builder.WebHost.ConfigureKestrel(k => k.ListenAnyIP(0)));
        await using var _ = app;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerApp.StartAsync(app));

        Assert.Contains("makes the API reachable from other machines", error.Message);
        var port = int.Parse(BoundPort().Match(error.Message).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(await AcceptsConnectionsAsync(port));
    }

    [Fact]
    public async Task Without_a_key_a_caller_from_another_machine_is_refused_and_a_local_one_admitted()
    {
        await using var host = await ApiHost.StartAsync();

        var remote = await host.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/api/subscribers";
            c.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.7");
        });
        var local = await host.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/api/subscribers";
            c.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:127.0.0.1");
        });

        Assert.Equal(StatusCodes.Status401Unauthorized, remote.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, local.Response.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@":(\d+)\b")]
    private static partial Regex BoundPort();
}
