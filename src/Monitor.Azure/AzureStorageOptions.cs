using Microsoft.Extensions.Configuration;

namespace NewsMonitor.Azure;

/// <summary>
/// Azure Storage settings, bound from the "Storage" section the embedded store also reads (DataDirectory).
/// The account itself is named by <see cref="Connection"/>, in the format the Functions runtime reads.
/// </summary>
public sealed class AzureStorageOptions
{
    public const string Section = "Storage";
    public const string AzureProvider = "azure";

    /// <summary>"sqlite" (the embedded default) or "azure" (queues and tables in an Azure Storage account).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// The name of the connection setting, as in a Functions binding's Connection: either a connection string
    /// under that name, or its identity-based form (NAME__queueServiceUri, NAME__tableServiceUri or
    /// NAME__accountName, with NAME__clientId for a user-assigned identity).
    /// </summary>
    public string Connection { get; set; } = "AzureWebJobsStorage";

    /// <summary>Table names are this prefix plus Feeds, Articles, ...: several deployments can share an account.</summary>
    public string TablePrefix { get; set; } = "NewsMonitor";

    /// <summary>
    /// Put before every queue name. Leave it empty for the Functions app, whose triggers listen on the plain
    /// names (feed-polls, articles, alerts); tests and side-by-side Servers use it to stay apart.
    /// </summary>
    public string QueuePrefix { get; set; } = "";

    /// <summary>How long a failed message stays invisible before its next try (host.json "visibilityTimeout").</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a received message stays invisible to other consumers while it is being handled.</summary>
    public TimeSpan MessageLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True when the configuration says Storage:Provider = azure (the Server's switch; the Functions app always is).</summary>
    public static bool IsSelected(IConfiguration configuration) =>
        string.Equals(configuration.GetSection(Section)[nameof(Provider)], AzureProvider, StringComparison.OrdinalIgnoreCase);
}
