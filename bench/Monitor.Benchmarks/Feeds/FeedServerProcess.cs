using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using NewsMonitor.Testing;

namespace NewsMonitor.Benchmarks.Feeds;

/// <summary>
/// The benchmark's feed server in a process of its own, as the sites a monitor polls are: the monitor's peak
/// memory and CPU time are then its own, not the server's and its corpus's (about 105 MB). It still shares the
/// machine's two cores, so wall time still pays for serving.
/// </summary>
internal sealed class FeedServerProcess : IDisposable
{
    public const string Verb = "--serve-feeds";
    private const string Ready = "ready ";

    private readonly Process process;

    private FeedServerProcess(Process process, IReadOnlyList<Uri> baseUris)
    {
        this.process = process;
        BaseUris = baseUris;
    }

    public IReadOnlyList<Uri> BaseUris { get; }

    /// <summary>CPU time the server has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The URL of feed number <paramref name="feed"/>, spread over the server's loopback addresses.</summary>
    public Uri UrlOf(int feed) => new(BaseUris[feed % BaseUris.Count], $"feeds/{feed}.xml");

    public static FeedServerProcess Start(int feeds, int items, int hosts, DateTimeOffset published)
    {
        // Run this assembly again under the entry assembly's runtime settings: under BenchmarkDotNet the entry
        // assembly is its generated runner, beside which Monitor.Benchmarks.dll sits without a runtimeconfig.
        var entry = Assembly.GetEntryAssembly()!.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "exec", "--runtimeconfig", Path.ChangeExtension(entry, ".runtimeconfig.json"), "--depsfile", Path.ChangeExtension(entry, ".deps.json"),
            typeof(FeedServerProcess).Assembly.Location, Verb,
            feeds.ToString(CultureInfo.InvariantCulture), items.ToString(CultureInfo.InvariantCulture), hosts.ToString(CultureInfo.InvariantCulture),
            published.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith(Ready, StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"the feed server did not start: {line ?? "no output"}");
        }

        return new FeedServerProcess(process, line[Ready.Length..].Split(' ').Select(u => new Uri(u)).ToList());
    }

    /// <summary>The child's side: serve the corpus, say where, and stop when the parent closes standard input.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var (feeds, items, hosts) = (Int(args[1]), Int(args[2]), Int(args[3]));
        var published = DateTimeOffset.FromUnixTimeSeconds(long.Parse(args[4], CultureInfo.InvariantCulture));
        await using var server = await FeedServer.StartAsync(hosts);
        for (var feed = 0; feed < feeds; feed++)
        {
            server.ServeConditional($"feeds/{feed}.xml", FeedCorpus.Rss(feed, items, published), $"\"v{feed}\"", published.AddHours(-1));
        }

        await Console.Out.WriteLineAsync(Ready + string.Join(' ', server.BaseUris.Select(u => u.AbsoluteUri)));
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public void Dispose()
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
        }

        process.Dispose();
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The dotnet host of the running runtime (…/dotnet beside shared/Microsoft.NETCore.App/10.0.x/).</summary>
    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
