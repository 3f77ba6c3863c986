using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsMonitor.Delivery;
using NewsMonitor.Digests;
using NewsMonitor.Feeds;
using NewsMonitor.Feeds.Stories;
using NewsMonitor.Matching;
using NewsMonitor.Storage;
using NewsMonitor.Storage.InProcess;
using NewsMonitor.Storage.Sqlite;

namespace NewsMonitor.Pipeline;

/// <summary>The one registration both hosts (Server and Functions) call; adapters registered before it win.</summary>
public static class NewsMonitorServices
{
    public static IServiceCollection AddNewsMonitor(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FeedFetchOptions>(configuration.GetSection(FeedFetchOptions.Section));
        services.Configure<DeliveryOptions>(configuration.GetSection(DeliveryOptions.Section));
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<PipelineOptions>(configuration.GetSection(PipelineOptions.Section));
        AddDigests(services, configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(FeedFetcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => FeedHttpHandler.Create(sp.GetRequiredService<IOptions<FeedFetchOptions>>().Value))

            // The handler renews its own connections (PooledConnectionLifetime), so the factory need not rotate it.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // Four log lines a request are noise beside PollFeedHandler's one line a feed (and the feed's health).
            .RemoveAllLoggers()
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<FeedFetchOptions>>().Value;
                client.Timeout = Timeout.InfiniteTimeSpan; // FeedFetcher applies the limit, so it can say "timed out".
                client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
                client.DefaultRequestHeaders.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
            });

        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<HostLimiter>();
        services.AddSingleton<StoryIndex>();
        services.AddSingleton<FeedParser>();
        services.AddSingleton<FeedDiscovery>();
        services.AddSingleton<SiteFeedResolver>();
        services.AddSingleton<ArticleNormaliser>();
        services.AddSingleton<PollSchedule>();
        services.AddSingleton<WatchlistProvider>();
        services.AddSingleton<MatchInputs>();

        AddEmbeddedStore(services);
        services.AddEmailSenders();

        services.AddSingleton<QueueProcessor>();
        services.AddSingleton<SchedulePollsHandler>();
        services.AddSingleton<PollFeedHandler>();
        services.AddSingleton<MatchArticleHandler>();
        services.AddSingleton<NewArticleHandoff>();
        services.AddSingleton<SendDigestsHandler>();
        services.AddSingleton<CycleRunner>();
        services.AddSingleton<StoreImporter>();
        return services;
    }

    private static void AddDigests(IServiceCollection services, IConfiguration configuration)
    {
        // Without a configured key, one generated once and kept in the data directory signs unsubscribe links.
        services.AddOptions<DigestOptions>()
            .Bind(configuration.GetSection(DigestOptions.Section))
            .PostConfigure<IOptions<StorageOptions>>((digests, storage) =>
            {
                // An empty setting means none, not an empty key.
                if (string.IsNullOrEmpty(digests.SigningKey))
                {
                    digests.SigningKey = SigningKeyFile.LoadOrCreate(storage.Value.DataDirectory);
                }
            });
        services.AddSingleton<ActionTokens>();
        services.AddSingleton<DigestInbox>();
        services.AddSingleton<DeliveredStories>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestPreviewer>();
    }

    private static void AddEmbeddedStore(IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory;
            return new SqliteDatabase(Path.Combine(directory, "monitor.db"));
        });
        services.TryAddSingleton<IFeedStore, SqliteFeedStore>();
        services.TryAddSingleton<IArticleStore, SqliteArticleStore>();
        services.TryAddSingleton<ITermStore, SqliteTermStore>();
        services.TryAddSingleton<ISubscriberStore, SqliteSubscriberStore>();
        services.TryAddSingleton<IMatchStore, SqliteMatchStore>();
        services.TryAddSingleton<IDigestLog, SqliteDigestLog>();
        services.TryAddSingleton<IFeedbackStore, SqliteFeedbackStore>();
        services.TryAddSingleton<InProcessQueue>();
        services.TryAddSingleton<IMessageQueue>(sp => sp.GetRequiredService<InProcessQueue>());
        services.TryAddSingleton<IQueueReceiver>(sp => sp.GetRequiredService<InProcessQueue>());
    }
}
