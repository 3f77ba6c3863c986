using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsMonitor.Azure;
using NewsMonitor.Functions;
using NewsMonitor.Management;
using NewsMonitor.Matching;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Testing;
using NewsMonitor.Tests.SendGrid;
using NewsMonitor.Tests.Support;

namespace NewsMonitor.Tests.Functions;

/// <summary>
/// The Functions app's services as Program.cs composes them (AddNewsMonitorFunctionsApp), on Azurite, with feeds
/// served on 127.0.0.1 and SendGrid's stand-in. The runtime's part (triggers, retries, HTTP routing) is played by
/// the tests: they take real messages off the real queues and call the function methods, and send HTTP requests
/// through <see cref="Http"/>.
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

    /// <summary>The app's HTTP functions, reached by method and path as the host routes them.</summary>
    public FunctionsHttp Http => new(services);

    /// <summary>The app's public address, as infra/ sets it (Digests__PublicBaseUrl): unsubscribe links start with it.</summary>
    public const string PublicBaseUrl = "https://func-test.azurewebsites.net";

    /// <summary>The signing key both hosts get in the parity tests, so that the same link is signed the same way.</summary>
    public const string SigningKey = "functions-test-signing-key-0123456789";

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
            ["Digests:PublicBaseUrl"] = PublicBaseUrl,
            ["Digests:SigningKey"] = SigningKey,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection().AddLogging();
        FunctionsApp? app = null;
        collection.AddSingleton<TimeProvider>(_ => app!.Clock);
        collection.AddNewsMonitorFunctionsApp(configuration);
        app = new FunctionsApp(scope, feeds, sendGrid, collection.BuildServiceProvider());
        return app;
    }

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(services);

    public T Service<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>Loads the fixtures: the two feeds, the watchlist and the subscribers of the end-to-end tests.</summary>
    public Task SeedAsync() => SeedAsync(services, Feeds);

    /// <summary>The same fixtures into another host's store (the Server's, in the parity tests).</summary>
    public static async Task SeedAsync(IServiceProvider services, FeedServer feeds)
    {
        feeds.Serve("fr.xml", await File.ReadAllTextAsync(Fixture("fr.xml")));
        feeds.Serve("en.xml", await File.ReadAllTextAsync(Fixture("en.xml")), "application/atom+xml");
        var store = services.GetRequiredService<IFeedStore>();
        await store.UpsertFeedAsync(new FeedSource { Id = "fr", Url = feeds.UrlOf("fr.xml").ToString(), Title = "Gazette" });
        await store.UpsertFeedAsync(new FeedSource { Id = "en", Url = feeds.UrlOf("en.xml").ToString(), Title = "Wire" });
        var importer = services.GetRequiredService<StoreImporter>();
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

    /// <summary>
    /// Plays the host's queue listener for one function until the queue is empty: each message is handed over with
    /// its dequeue count; one whose function throws is left for another try (at once here, after host.json's
    /// visibilityTimeout on Azure), and after host.json's maxDequeueCount tries it is moved to "&lt;queue&gt;-poison".
    /// </summary>
    /// <returns>How many times the function was called.</returns>
    public async Task<int> DeliverAsync(string queue, Func<QueueMessage, Task> function)
    {
        var host = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.Path("src", "Monitor.Functions", "host.json")))!;
        var maxDequeueCount = (int)host["extensions"]!["queues"]!["maxDequeueCount"]!;
        var client = Queue(queue);
        await client.CreateIfNotExistsAsync();
        var calls = 0;
        while ((await client.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5))).Value is [var message])
        {
            calls++;
            try
            {
                await function(message);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            catch (Exception) when (message.DequeueCount >= maxDequeueCount)
            {
                await SendAsync(queue + "-poison", message.Body.ToString());
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            catch (Exception)
            {
                await client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            }
        }

        return calls;
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
