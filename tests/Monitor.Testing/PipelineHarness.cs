using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsMonitor.Pipeline;

namespace NewsMonitor.Testing;

/// <summary>
/// The real Core services (SQLite store in a temp folder, in-process queue, pickup directory) behind
/// AddNewsMonitor, with a fake clock and loopback feeds allowed, for stage and pipeline tests.
/// </summary>
public sealed class PipelineHarness : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly ServiceProvider services;

    public PipelineHarness(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = temp.Combine("data"),
            ["Delivery:PickupDirectory"] = OutboxPath,
            ["Feeds:AllowPrivateAddresses"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddSingleton<TimeProvider>(Clock);
        configure?.Invoke(collection);
        collection.AddNewsMonitor(configuration);
        services = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    public string OutboxPath => temp.Combine("outbox");

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    public void Dispose()
    {
        services.Dispose();
        temp.Dispose();
    }
}
