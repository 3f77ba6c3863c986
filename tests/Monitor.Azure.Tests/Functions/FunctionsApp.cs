using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsMonitor.Azure;
using NewsMonitor.Management;
using NewsMonitor.Matching;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Testing;
using NewsMonitor.Tests.SendGrid;
using NewsMonitor.Tests.Support;

namespace NewsMonitor.Tests.Functions;

/// <summary>
/// The Functions app's services as Program.cs builds them (AddNewsMonitorAzure, then AddNewsMonitor), on
/// Azurite, with feeds served on 127.0.0.1 and SendGrid's stand-in. The runtime's part (triggers, retries)
/// is played by the tests: they take real messages off the real queues and call the function methods.
/// </summary>
public sealed class FunctionsApp : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly AzuriteScope scope;
    private readonly ServiceProvider services;

    private FunctionsApp(AzuriteScope scope, FeedServer feeds, FakeSendGrid sendGrid, ServiceProvider services)
    {
        this.scope = scope;
        Feeds = feeds;
        SendGrid = sendGrid;
        this.services = services;
    }

    public FeedServer Feeds { get; }
    public FakeSendGrid SendGrid { get; }
    public FakeTimeProvider Clock { get; } = new(Start);

    public static async Task<FunctionsApp> StartAsync()
    {
        var scope = await AzuriteScope.CreateAsync();
        var feeds = await FeedServer.StartAsync();
        var sendGrid = await FakeSendGrid.StartAsync();
        var settings = new Dictionary<string, string?>(scope.Settings)
        {
            ["Feeds:AllowPrivateAddresses"] = "true",
            ["Delivery:Sender"] = "sendgrid",
            ["Delivery:FromAddress"] = "news@example.org",
            ["SendGrid:ApiKey"] = FakeSendGrid.ApiKey,
            ["SendGrid:Host"] = sendGrid.Host,
            ["SendGrid:MaxRetries"] = "0", // the queue's retries are the runtime's job here
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection().AddLogging();
        FunctionsApp? app = null;
        collection.AddSingleton<TimeProvider>(_ => app!.Clock);
        collection.AddNewsMonitorAzure(configuration);
        collection.AddNewsMonitor(configuration);
        collection.AddNewsMonitorManagement(configuration);
        app = new FunctionsApp(scope, feeds, sendGrid, collection.BuildServiceProvider());
        return app;
    }

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(services);

    public T Service<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>Loads the fixtures: the two feeds, the watchlist and the subscribers of the end-to-end tests.</summary>
    public async Task SeedAsync()
    {
        Feeds.Serve("fr.xml", await File.ReadAllTextAsync(Fixture("fr.xml")));
        Feeds.Serve("en.xml", await File.ReadAllTextAsync(Fixture("en.xml")), "application/atom+xml");
        var store = Service<IFeedStore>();
        await store.UpsertFeedAsync(new FeedSource { Id = "fr", Url = Feeds.UrlOf("fr.xml").ToString(), Title = "Gazette" });
        await store.UpsertFeedAsync(new FeedSource { Id = "en", Url = Feeds.UrlOf("en.xml").ToString(), Title = "Wire" });
        var importer = Service<StoreImporter>();
        await using (var watchlist = File.OpenRead(Fixture("watchlist.json")))
        {
            await importer.ImportTermsAsync(await WatchlistFile.ReadAsync(watchlist, CancellationToken.None), replace: false);
        }

        await using var subscribers = File.OpenRead(Fixture("subscribers.json"));
        await importer.ImportSubscribersAsync(await NewsMonitor.Digests.SubscribersFile.ReadAsync(subscribers, CancellationToken.None));
    }

    /// <summary>Takes every message waiting on a queue, as the runtime would hand them to a function.</summary>
    public async Task<List<QueueMessage>> TakeAllAsync(string queue)
    {
        var client = Queue(queue);
        await client.CreateIfNotExistsAsync();
        var taken = new List<QueueMessage>();
        while (true)
        {
            var batch = (await client.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return taken;
            }

            foreach (var message in batch)
            {
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            taken.AddRange(batch);
        }
    }

    public async Task<IReadOnlyList<string>> BodiesAsync(string queue)
    {
        var client = Queue(queue);
        await client.CreateIfNotExistsAsync();
        return (await client.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();
    }

    public async Task SendAsync(string queue, string body)
    {
        var client = Queue(queue);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await SendGrid.DisposeAsync();
        await Feeds.DisposeAsync();
        await scope.DisposeAsync();
    }

    private QueueClient Queue(string queue) =>
        new(Azurite.ConnectionString, scope.Options.QueuePrefix + queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
