using Microsoft.Extensions.Options;
using NewsMonitor.Azure.Tables;
using NewsMonitor.Tests.Support;

namespace NewsMonitor.Tests.Storage;

/// <summary>The store contract on Azure Tables, against Azurite, each test in tables of its own.</summary>
public sealed class TableStoreContractTests : StoreContractTests
{
    private AzuriteScope? scope;

    protected override async Task<Stores> CreateStoresAsync()
    {
        scope = await AzuriteScope.CreateAsync();
        var tables = new MonitorTables(scope.Clients, Options.Create(scope.Options));
        return new Stores(
            new TableFeedStore(tables), new TableArticleStore(tables), new TableTermStore(tables), new TableSubscriberStore(tables), new TableMatchStore(tables), new TableDigestLog(tables), new TableFeedbackStore(tables));
    }

    public override async Task DisposeAsync()
    {
        if (scope is not null)
        {
            await scope.DisposeAsync();
        }
    }
}
