using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Feeds;

/// <summary>A Kestrel feed server on 127.0.0.1, a temporary store, a fake clock and the real services (<see cref="FeedServices"/>).</summary>
public abstract class LoopbackFeedTest : IAsyncLifetime
{
    protected TempDirectory Temp { get; } = new();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    protected FeedServer Server { get; private set; } = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FeedServer.StartAsync();
        Services = FeedServices.Create(Temp.Path, Clock);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
        Temp.Dispose();
    }

    /// <summary>The same services with other settings (a shorter timeout, say), on the same store.</summary>
    protected ServiceProvider ServicesWith(IDictionary<string, string?> settings, bool allowLoopback = true) =>
        FeedServices.Create(Temp.Path, Clock, settings, allowLoopback);
}
