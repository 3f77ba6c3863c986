using Microsoft.Extensions.Configuration;
using NewsMonitor.Azure;

namespace NewsMonitor.Tests.Storage;

/// <summary>The connection setting is read as the Functions runtime reads AzureWebJobsStorage.</summary>
public sealed class AzureStorageClientsTests
{
    [Fact]
    public void A_connection_string_is_used_as_it_is()
    {
        var clients = AzureStorageClients.FromConfiguration(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")), "AzureWebJobsStorage");

        Assert.Equal("devstoreaccount1", clients.Queues.AccountName);
        Assert.Equal("devstoreaccount1", clients.Tables.AccountName);
    }

    [Fact]
    public void An_account_name_means_its_public_endpoints_and_a_managed_identity()
    {
        var clients = AzureStorageClients.FromConfiguration(
            Settings(("AzureWebJobsStorage:accountName", "stnews"), ("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")),
            "AzureWebJobsStorage");

        Assert.Equal(new Uri("https://stnews.queue.core.windows.net/"), clients.Queues.Uri);
        Assert.Equal("stnews", clients.Tables.AccountName);
    }

    [Fact]
    public void Service_uris_win_over_the_account_name()
    {
        var clients = AzureStorageClients.FromConfiguration(
            Settings(("Other:accountName", "stnews"), ("Other:queueServiceUri", "https://queues.example.net/"), ("Other:tableServiceUri", "https://tables.example.net/")),
            "Other");

        Assert.Equal(new Uri("https://queues.example.net/"), clients.Queues.Uri);
    }

    [Fact]
    public void A_missing_connection_says_which_settings_to_give()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AzureStorageClients.FromConfiguration(Settings(), "AzureWebJobsStorage"));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message);
        Assert.Contains("UseDevelopmentStorage=true", error.Message);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
