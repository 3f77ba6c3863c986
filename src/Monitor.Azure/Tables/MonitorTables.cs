using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace NewsMonitor.Azure.Tables;

/// <summary>
/// The store's tables, named TablePrefix + name, each created on first use. Keys per table are chosen
/// for the queries the pipeline makes; each store class documents its own.
/// </summary>
public sealed class MonitorTables
{
    public const string Feeds = "Feeds";
    public const string Articles = "Articles";
    public const string ArticleIndex = "ArticleIndex";
    public const string Terms = "Terms";
    public const string Subscribers = "Subscribers";
    public const string Matches = "Matches";
    public const string Inbox = "Inbox";
    public const string Digests = "Digests";
    public const string Settings = "Settings";
    public const string Feedback = "Feedback";

    /// <summary>Requests in flight at once when a batch reads or marks many partitions.</summary>
    public const int ParallelRequests = 16;

    public static readonly IReadOnlyList<string> All = [Feeds, Articles, ArticleIndex, Terms, Subscribers, Matches, Inbox, Digests, Settings, Feedback];

    private readonly CreatedOnce<TableClient> tables;

    public MonitorTables(AzureStorageClients clients, IOptions<AzureStorageOptions> options)
    {
        var prefix = options.Value.TablePrefix;
        tables = new CreatedOnce<TableClient>(async name =>
        {
            var client = clients.Tables.GetTableClient(prefix + name);
            await client.CreateIfNotExistsAsync();
            return client;
        });
    }

    public Task<TableClient> GetAsync(string name) => tables.GetAsync(name);
}
