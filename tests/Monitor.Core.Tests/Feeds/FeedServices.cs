using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Pipeline;

namespace NewsMonitor.Tests.Feeds;

/// <summary>
/// The real service graph (AddNewsMonitor) with test limits: loopback opened explicitly (and nothing else
/// private), a 1 s timeout and a 64 KB body cap so hostile-server tests end fast.
/// </summary>
internal static class FeedServices
{
    public static ServiceProvider Create(string dataDirectory, TimeProvider time, IDictionary<string, string?>? settings = null, bool allowLoopback = true)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Feeds:Timeout"] = "00:00:01",
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
