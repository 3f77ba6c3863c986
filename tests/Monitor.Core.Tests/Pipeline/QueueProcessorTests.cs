using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Storage.InProcess;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Pipeline;

public sealed class QueueProcessorTests : IDisposable
{
    private readonly PipelineHarness harness = new();

    [Fact]
    public async Task A_message_that_keeps_failing_is_tried_five_times_then_set_aside_in_the_poison_queue()
    {
        var queue = harness.Get<InProcessQueue>();
        await queue.EnqueueAsync(QueueNames.Articles, "article-1");
        var tries = 0;

        var result = await harness.Get<QueueProcessor>().DrainAsync(
            QueueNames.Articles,
            (_, _) =>
            {
                tries++;
                throw new InvalidOperationException("boom");
            },
            1,
            default);

        Assert.Equal(5, tries);
        Assert.Equal(new DrainResult(0, 1), result);
        Assert.Equal(["article-1"], queue.Peek(QueueNames.PoisonOf(QueueNames.Articles)));
        Assert.Empty(queue.Peek(QueueNames.Articles));
    }

    [Fact]
    public async Task A_message_that_fails_then_succeeds_is_handled_once_and_not_poisoned()
    {
        var queue = harness.Get<InProcessQueue>();
        await queue.EnqueueAsync(QueueNames.FeedPolls, "feed-1");
        var tries = 0;

        var result = await harness.Get<QueueProcessor>().DrainAsync(
            QueueNames.FeedPolls,
            (_, _) => ++tries < 3 ? throw new HttpRequestException("flaky") : Task.CompletedTask,
            1,
            default);

        Assert.Equal(3, tries);
        Assert.Equal(new DrainResult(1, 0), result);
        Assert.Empty(queue.Peek(QueueNames.PoisonOf(QueueNames.FeedPolls)));
    }

    public void Dispose() => harness.Dispose();
}
