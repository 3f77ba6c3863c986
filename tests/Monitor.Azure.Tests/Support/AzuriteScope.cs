using NewsMonitor.Azure;

namespace NewsMonitor.Tests.Support;

/// <summary>One test's own tables and queues in Azurite (unique prefixes), deleted afterwards.</summary>
public sealed class AzuriteScope : IAsyncDisposable
{
    private AzuriteScope(AzureStorageClients clients, AzureStorageOptions options)
    {
        Clients = clients;
        Options = options;
    }

    public AzureStorageClients Clients { get; }
    public AzureStorageOptions Options { get; }

    public static async Task<AzuriteScope> CreateAsync() => new(await Azurite.ClientsAsync(), Azurite.UniqueOptions());

    /// <summary>Configuration settings that select these tables and queues (for hosts built from configuration).</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = AzureStorageOptions.AzureProvider,
        ["Storage:Connection"] = "NewsMonitorTestStorage",
        ["NewsMonitorTestStorage"] = Azurite.ConnectionString,
        ["Storage:TablePrefix"] = Options.TablePrefix,
        ["Storage:QueuePrefix"] = Options.QueuePrefix,
        ["Storage:VisibilityTimeout"] = "00:00:00",
    };

    public async ValueTask DisposeAsync()
    {
        await foreach (var table in Clients.Tables.QueryAsync($"TableName ge '{Options.TablePrefix}' and TableName lt '{Options.TablePrefix}~'"))
        {
            await Clients.Tables.DeleteTableAsync(table.Name);
        }

        await foreach (var queue in Clients.Queues.GetQueuesAsync(prefix: Options.QueuePrefix))
        {
            await Clients.Queues.DeleteQueueAsync(queue.Name);
        }
    }
}
