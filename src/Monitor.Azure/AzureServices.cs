using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsMonitor.Azure.Queues;
using NewsMonitor.Azure.SendGrid;
using NewsMonitor.Azure.Tables;
using NewsMonitor.Delivery;
using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Azure;

/// <summary>
/// Registers the Azure adapters. Call before AddNewsMonitor, whose TryAdd registrations then keep these:
/// the Functions app always does; the Server does when Storage:Provider is "azure".
/// </summary>
public static class AzureServices
{
    /// <summary>Azure Storage queues and tables for every store and queue port, and SendGrid when Delivery:Sender says so.</summary>
    public static IServiceCollection AddNewsMonitorAzure(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AzureStorageOptions>(configuration.GetSection(AzureStorageOptions.Section));
        services.TryAddSingleton(sp =>
            AzureStorageClients.FromConfiguration(configuration, sp.GetRequiredService<IOptions<AzureStorageOptions>>().Value.Connection));
        services.TryAddSingleton<MonitorTables>();
        services.TryAddSingleton<IFeedStore, TableFeedStore>();
        services.TryAddSingleton<IArticleStore, TableArticleStore>();
        services.TryAddSingleton<ITermStore, TableTermStore>();
        services.TryAddSingleton<ISubscriberStore, TableSubscriberStore>();
        services.TryAddSingleton<IMatchStore, TableMatchStore>();
        services.TryAddSingleton<IDigestLog, TableDigestLog>();
        services.TryAddSingleton<IFeedbackStore, TableFeedbackStore>();
        services.TryAddSingleton<AzureStorageQueue>();
        services.TryAddSingleton<IMessageQueue>(sp => sp.GetRequiredService<AzureStorageQueue>());
        services.TryAddSingleton<IQueueReceiver>(sp => sp.GetRequiredService<AzureStorageQueue>());

        // Runs before the embedded store's post-configuration, which then finds the key set.
        services.AddOptions<DigestOptions>()
            .PostConfigure<MonitorTables>((digests, tables) =>
            {
                // An empty setting (local.settings.sample.json has one) means none, not an empty key.
                if (string.IsNullOrEmpty(digests.SigningKey))
                {
                    digests.SigningKey = TableSigningKey.LoadOrCreate(tables);
                }
            });
        return services.AddSendGridSender(configuration);
    }

    /// <summary>The SendGrid sender, registered only when Delivery:Sender is "sendgrid".</summary>
    public static IServiceCollection AddSendGridSender(this IServiceCollection services, IConfiguration configuration)
    {
        var sender = configuration.GetSection(DeliveryOptions.Section)[nameof(DeliveryOptions.Sender)];
        if (!string.Equals(sender, "sendgrid", StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }

        services.Configure<SendGridOptions>(configuration.GetSection(SendGridOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        // The sender is a singleton holding one client: pooled connections are renewed so DNS changes are seen.
        services.AddHttpClient(SendGridEmailSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<SendGridOptions>>().Value.Timeout);
        services.TryAddKeyedSingleton<IEmailSender, SendGridEmailSender>(EmailSenders.SendGrid);
        return services;
    }
}
