using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Pipeline;

namespace NewsMonitor.Tests.Feeds;

/// <summary>
/// The real service graph (AddNewsMonitor) with test limits: loopback opened explicitly (and nothing else
/// private) and a 64 KB body cap. The 10 s timeout leaves a loaded machine room; tests of the timeout
/// itself set a short one.
/// </summary>
internal static class FeedServices
{
    public static readonly Dictionary<string, string?> ShortTimeout = new() { ["Feeds:Timeout"] = "00:00:01" };

    public static ServiceProvider Create(string dataDirectory, TimeProvider time, IDictionary<string, string?>? settings = null, bool allowLoopback = true)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Feeds:Timeout"] = "00:00:10",
            ["Feeds:MaxBodyBytes"] = "65536",
        };
        if (allowLoopback)
        {
            values["Feeds:AllowedNetworks:0"] = "127.0.0.0/8";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddNewsMonitor(configuration);
        return services.BuildServiceProvider();
    }
}
