using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using NewsMonitor.Azure;

namespace NewsMonitor.Tests.Support;

/// <summary>
/// The local Azure Storage emulator the Azure tests run against. .ci/run installs and starts it and sets
/// NEWSMONITOR_AZURITE; without that variable the standard development connection string is used. A test
/// that needs Azurite fails, with the way to start it, when it is not there: it is never skipped.
/// </summary>
public static class Azurite
{
    public const string EnvironmentVariable = "NEWSMONITOR_AZURITE";

    private static readonly Lazy<Task> Reachable = new(ProbeAsync);

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    /// <summary>Clients for Azurite, after checking once per test run that it answers.</summary>
    public static async Task<AzureStorageClients> ClientsAsync()
    {
        await Reachable.Value;
        return AzureStorageClients.FromConnectionString(ConnectionString);
    }

    /// <summary>Settings that give a test its own tables and queues in the shared emulator.</summary>
    public static AzureStorageOptions UniqueOptions() => new()
    {
        Provider = AzureStorageOptions.AzureProvider,
        TablePrefix = UniqueName(),
        QueuePrefix = UniqueName() + "-",
        VisibilityTimeout = TimeSpan.Zero,
    };

    private static string Source => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } ? EnvironmentVariable : "UseDevelopmentStorage=true";

    public static string UniqueName() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static async Task ProbeAsync()
    {
        var noRetry = new QueueClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
        var tableOptions = new TableClientOptions();
        tableOptions.Retry.MaxRetries = 0;
        tableOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        try
        {
            await new QueueServiceClient(ConnectionString, noRetry).GetPropertiesAsync();
            await foreach (var page in new TableServiceClient(ConnectionString, tableOptions).QueryAsync(maxPerPage: 1).AsPages())
            {
                break;
            }
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or TaskCanceledException or AggregateException)
        {
            throw new InvalidOperationException(
                $"Azurite (the Azure Storage emulator) is not reachable ({Source}: {e.Message}). " +
                "Run .ci/run, which installs and starts it, or start it yourself: " +
                ".ci/.tools/node_modules/.bin/azurite --inMemoryPersistence --skipApiVersionCheck " +
                $"(and set {EnvironmentVariable} to its connection string if it is not on the default ports).",
                e);
        }
    }
}
