using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace NewsMonitor.Tests.Delivery;

/// <summary>
/// A real SMTP server for tests: maildev (npm), which keeps what it receives and lists it over HTTP.
/// <see cref="SharedAsync"/> uses the one .ci/run starts (NEWSMONITOR_TEST_SMTP_PORT, NEWSMONITOR_TEST_MAILDEV_HTTP)
/// or, without those variables, starts one from .ci/.tools; <see cref="StartAsync"/> always starts a new one
/// (with TLS and a password, say). When maildev is not installed the test fails and says how to install it.
/// </summary>
public sealed class Maildev : IAsyncDisposable
{
    public const string Version = "2.2.1";
    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static Maildev? shared;

    private readonly Process? process;
    private readonly HttpClient http;

    private Maildev(int smtpPort, Uri api, Process? process)
    {
        SmtpPort = smtpPort;
        this.process = process;
        http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Host => "127.0.0.1";

    public int SmtpPort { get; }

    /// <summary>The plain-text server every test may share (each test sends to its own addresses).</summary>
    public static async Task<Maildev> SharedAsync()
    {
        await SharedLock.WaitAsync();
        try
        {
            if (shared is null)
            {
                var port = Environment.GetEnvironmentVariable("NEWSMONITOR_TEST_SMTP_PORT");
                var api = Environment.GetEnvironmentVariable("NEWSMONITOR_TEST_MAILDEV_HTTP");
                shared = port is { Length: > 0 } && api is { Length: > 0 }
                    ? new Maildev(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), new Uri(api.TrimEnd('/') + "/"), null)
                    : await StartAsync();

                // Its process ends with the test run.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared?.process?.Kill(entireProcessTree: true);
            }

            return shared;
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <summary>Starts a maildev of its own on free loopback ports, with extra options, and waits until it answers.</summary>
    public static async Task<Maildev> StartAsync(params string[] options)
    {
        var script = Locate();
        var smtpPort = FreePort();
        var webPort = FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[script, "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp", $"{smtpPort}", "--web", $"{webPort}", "--silent", .. options])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Maildev(smtpPort, new Uri($"http://127.0.0.1:{webPort}/"), process);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await server.http.GetAsync("email");
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"maildev did not start on 127.0.0.1:{smtpPort}/{webPort}: {output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The messages received for <paramref name="address"/>, once at least <paramref name="count"/> arrived (15 s at most).</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(string address, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var found = await ForAsync(address);
            if (found.Count >= count || DateTime.UtcNow >= deadline)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The messages received for <paramref name="address"/> so far.</summary>
    public async Task<IReadOnlyList<JsonElement>> ForAsync(string address)
    {
        var all = await http.GetFromJsonAsync<JsonElement>("email");
        return all.EnumerateArray()
            .Where(m => m.GetProperty("envelope").GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>The message exactly as it arrived (RFC 5322 source).</summary>
    public async Task<Stream> SourceAsync(JsonElement message) => await http.GetStreamAsync($"email/{message.GetProperty("id").GetString()}/source");

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("NEWSMONITOR_MAILDEV") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var script = Path.Combine(directory.FullName, ".ci", ".tools", "node_modules", "maildev", "bin", "maildev");
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new InvalidOperationException(
            "These tests need a real SMTP server and maildev is not installed. Run `bash .ci/run` (it installs and starts it), "
            + $"or install it with `npm install --prefix .ci/.tools maildev@{Version}`, or point NEWSMONITOR_TEST_SMTP_PORT and "
            + "NEWSMONITOR_TEST_MAILDEV_HTTP at a running maildev.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
