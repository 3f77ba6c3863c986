using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NewsMonitor.Azure;
using NewsMonitor.Azure.Tables;
using NewsMonitor.Storage;
using NewsMonitor.Tests.Support;

namespace NewsMonitor.Tests.Storage;

/// <summary>
/// Tables have no transaction over more than 100 entities, so a large save is a series of them. One cut part-way
/// (here the connection fails on the second transaction) leaves the first written; saving the same again completes it,
/// in the order the first save began with.
/// </summary>
public sealed class TableResumableSaveTests : IAsyncLifetime
{
    private AzuriteScope scope = null!;

    public async Task InitializeAsync() => scope = await AzuriteScope.CreateAsync();

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task A_term_save_cut_after_its_first_transaction_is_completed_by_saving_the_same_again()
    {
        var store = new TableTermStore(Tables(new TableServiceClient(Azurite.ConnectionString)));
        await store.UpsertTermAsync(Term("mistral"));
        await store.UpsertTermAsync(Term("gone"));
        var incoming = Enumerable.Range(0, 250).Select(i => Term($"t{i:000}")).ToList();
        var failing = new TableTermStore(Tables(ClientFailingAtTransaction(2)));

        await Assert.ThrowsAsync<HttpRequestException>(() => failing.SaveTermsAsync(incoming, ["gone"]));
        var cut = await store.ListTermsAsync();
        Assert.Equal(["mistral", "gone", .. incoming.Take(100).Select(t => t.Id)], cut.Select(t => t.Id));

        await store.SaveTermsAsync(incoming, ["gone"]);

        Assert.Equal(["mistral", .. incoming.Select(t => t.Id)], (await store.ListTermsAsync()).Select(t => t.Id));
    }

    [Fact]
    public async Task A_feed_save_cut_part_way_is_completed_by_saving_the_same_again()
    {
        var store = new TableFeedStore(Tables(new TableServiceClient(Azurite.ConnectionString)));
        await store.UpsertFeedAsync(Feed("old"));
        var incoming = Enumerable.Range(0, 250).Select(i => Feed($"f{i:000}")).ToList();
        var failing = new TableFeedStore(Tables(ClientFailingAtTransaction(3)));

        await Assert.ThrowsAsync<HttpRequestException>(() => failing.SaveFeedsAsync(incoming, ["old"]));
        Assert.Equal(201, (await store.ListFeedsAsync()).Count);

        await store.SaveFeedsAsync(incoming, ["old"]);

        Assert.Equal(incoming.Select(f => f.Id), (await store.ListFeedsAsync()).Select(f => f.Id));
    }

    private MonitorTables Tables(TableServiceClient tables) =>
        new(new AzureStorageClients(scope.Clients.Queues, tables), Options.Create(scope.Options));

    /// <summary>A client whose <paramref name="n"/>th table transaction fails as a dropped connection would, before it is sent.</summary>
    private static TableServiceClient ClientFailingAtTransaction(int n)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(new FailNthBatch(n), HttpPipelinePosition.PerCall);
        return new TableServiceClient(Azurite.ConnectionString, options);
    }

    private static WatchTerm Term(string id) => new() { Id = id, Name = id, Query = id };

    private static FeedSource Feed(string id) => new() { Id = id, Url = $"https://{id}.example/feed" };

    private sealed class FailNthBatch(int n) : HttpPipelinePolicy
    {
        private int batches;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Check(HttpMessage message)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Increment(ref batches) == n)
            {
                throw new HttpRequestException("connection reset (injected)");
            }
        }
    }
}
