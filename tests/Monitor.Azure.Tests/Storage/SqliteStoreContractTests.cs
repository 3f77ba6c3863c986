using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Storage;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly TempDirectory temp = new();

    protected override Task<Stores> CreateStoresAsync()
    {
        var db = new SqliteDatabase(temp.Combine("monitor.db"));
        return Task.FromResult(new Stores(
            new SqliteFeedStore(db), new SqliteArticleStore(db), new SqliteTermStore(db), new SqliteSubscriberStore(db), new SqliteMatchStore(db), new SqliteDigestLog(db), new SqliteFeedbackStore(db)));
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        temp.Dispose();
        return Task.CompletedTask;
    }
}
