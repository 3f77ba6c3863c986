using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace NewsMonitor.Azure;

/// <summary>
/// The queue and table service clients of one storage account, from a connection setting read the way the
/// Functions runtime reads AzureWebJobsStorage: a connection string (Azurite, development), or service URIs
/// and a managed identity (DefaultAzureCredential), so the app and its triggers use one setting.
/// </summary>
public sealed class AzureStorageClients(QueueServiceClient queues, TableServiceClient tables)
{
    public QueueServiceClient Queues { get; } = queues;
    public TableServiceClient Tables { get; } = tables;

    public static AzureStorageClients FromConfiguration(IConfiguration configuration, string connectionName)
    {
        if (configuration[connectionName] is { Length: > 0 } connectionString)
        {
            return FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(connectionName);
        var account = section["accountName"];
        var queueUri = Uri(section["queueServiceUri"]) ?? (account is null ? null : new Uri($"https://{account}.queue.core.windows.net"));
        var tableUri = Uri(section["tableServiceUri"]) ?? (account is null ? null : new Uri($"https://{account}.table.core.windows.net"));
        if (queueUri is null || tableUri is null)
        {
            throw new InvalidOperationException(
                $"Azure Storage is selected but '{connectionName}' is not set: give it a connection string " +
                $"(UseDevelopmentStorage=true for Azurite), or set {connectionName}__accountName (or both " +
                $"{connectionName}__queueServiceUri and {connectionName}__tableServiceUri) to use a managed identity.");
        }

        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });
        return new AzureStorageClients(QueueService(options => new QueueServiceClient(queueUri, credential, options)), new TableServiceClient(tableUri, credential));
    }

    public static AzureStorageClients FromConnectionString(string connectionString) =>
        new(QueueService(options => new QueueServiceClient(connectionString, options)), new TableServiceClient(connectionString));

    /// <summary>
    /// Queue messages are base64, as the Functions runtime writes and expects them. A message that is not
    /// (written by another tool, say) is moved to "&lt;queue&gt;-poison" as it is, like the runtime does:
    /// visible there, never dropped and never retried forever.
    /// </summary>
    private static QueueServiceClient QueueService(Func<QueueClientOptions, QueueServiceClient> create)
    {
        QueueServiceClient? service = null;
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.MessageDecodingFailed += async args =>
        {
            if (args.ReceivedMessage is { } message && service is not null)
            {
                var poison = service.GetQueueClient(args.Queue.Name + "-poison");
                await poison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken);
                await poison.SendMessageAsync(message.Body.ToString(), args.CancellationToken);
                await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken);
            }
        };
        service = create(options);
        return service;
    }

    private static Uri? Uri(string? value) => string.IsNullOrWhiteSpace(value) ? null : new Uri(value);
}
