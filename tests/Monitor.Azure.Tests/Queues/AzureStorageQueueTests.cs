using System.Text;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsMonitor.Azure.Queues;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Tests.Support;

namespace NewsMonitor.Tests.Queues;

/// <summary>The queue adapter on Azurite: the Functions runtime's encoding, leases, retries and poison queues.</summary>
public sealed class AzureStorageQueueTests : IAsyncLifetime
{
    private AzuriteScope scope = null!;
    private AzureStorageQueue queue = null!;

    public async Task InitializeAsync()
    {
        scope = await AzuriteScope.CreateAsync();
        queue = new AzureStorageQueue(scope.Clients, Options.Create(scope.Options));
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task Messages_are_base64_on_the_wire_as_the_Functions_runtime_writes_and_reads_them()
    {
        await queue.EnqueueAsync(QueueNames.Articles, "article-1 é");

        var raw = new QueueClient(Azurite.ConnectionString, scope.Options.QueuePrefix + QueueNames.Articles);
        var peeked = (await raw.PeekMessageAsync()).Value;
        Assert.Equal("article-1 é", Encoding.UTF8.GetString(Convert.FromBase64String(peeked.Body.ToString())));

        var runtime = new QueueClient(Azurite.ConnectionString, scope.Options.QueuePrefix + QueueNames.Articles, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await runtime.SendMessageAsync("article-2");
        Assert.Equal("article-1 é", (await queue.ReceiveAsync(QueueNames.Articles))!.Body);
        Assert.Equal("article-2", (await queue.ReceiveAsync(QueueNames.Articles))!.Body);
    }

    [Fact]
    public async Task A_released_message_comes_back_with_its_dequeue_count_and_a_deleted_one_is_gone()
    {
        await queue.EnqueueAsync(QueueNames.FeedPolls, "feed-1");
        Assert.Equal(1, await queue.CountAsync(QueueNames.FeedPolls));

        var first = await queue.ReceiveAsync(QueueNames.FeedPolls);
        Assert.Equal(1, first!.DequeueCount);
        Assert.Null(await queue.ReceiveAsync(QueueNames.FeedPolls));

        await queue.ReleaseAsync(first);
        var second = await queue.ReceiveAsync(QueueNames.FeedPolls);
        Assert.Equal(("feed-1", 2L), (second!.Body, second.DequeueCount));

        await queue.DeleteAsync(second);
        await queue.DeleteAsync(second);
        Assert.Equal(0, await queue.CountAsync(QueueNames.FeedPolls));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_tried_five_times_then_moved_to_the_poison_queue()
    {
        var processor = new QueueProcessor(queue, queue, NullLogger<QueueProcessor>.Instance);
        await queue.EnqueueAsync(QueueNames.Alerts, "ana");
        var tries = 0;

        var result = await processor.DrainAsync(QueueNames.Alerts, (_, _) => throw new InvalidOperationException($"try {++tries}"), 1, CancellationToken.None);

        Assert.Equal((5, 0, 1), (tries, result.Handled, result.Poisoned));
        Assert.Equal(0, await queue.CountAsync(QueueNames.Alerts));
        Assert.Equal(["ana"], await queue.PeekAsync(QueueNames.PoisonOf(QueueNames.Alerts)));
    }

    [Fact]
    public async Task A_message_that_fails_once_is_retried_and_handled_once()
    {
        var processor = new QueueProcessor(queue, queue, NullLogger<QueueProcessor>.Instance);
        await queue.EnqueueAsync(QueueNames.Articles, "a1");
        var calls = 0;

        var result = await processor.DrainAsync(
            QueueNames.Articles,
            (_, _) => ++calls == 1 ? throw new InvalidOperationException("transient") : Task.CompletedTask,
            1,
            CancellationToken.None);

        Assert.Equal((2, 1, 0), (calls, result.Handled, result.Poisoned));
        Assert.Empty(await queue.PeekAsync(QueueNames.PoisonOf(QueueNames.Articles)));
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_the_poison_queue_as_it_is()
    {
        var raw = new QueueClient(Azurite.ConnectionString, scope.Options.QueuePrefix + QueueNames.Articles);
        await raw.CreateIfNotExistsAsync();
        await raw.SendMessageAsync("not base64 at all!");

        Assert.Null(await queue.ReceiveAsync(QueueNames.Articles));
        Assert.Equal(0, await queue.CountAsync(QueueNames.Articles));
        Assert.Equal(["not base64 at all!"], await queue.PeekAsync(QueueNames.PoisonOf(QueueNames.Articles)));
    }

    [Fact]
    public async Task A_message_too_big_for_a_queue_is_refused_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.EnqueueAsync(QueueNames.Articles, new string('x', 50_000)));

        Assert.Contains("carry ids", error.Message);
    }
}
