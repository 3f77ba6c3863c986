using System.Collections.Concurrent;

namespace NewsMonitor.Storage.InProcess;

/// <summary>
/// The embedded default queue: in memory, with dequeue counts so the retry and poison rules are the
/// same as on Azure. Messages in flight are lost with the process; the pipeline recovers them from the
/// store (unmatched articles, due feeds, pending digests), so nothing the user cares about is lost.
/// </summary>
public sealed class InProcessQueue : IMessageQueue, IQueueReceiver
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceivedMessage>> queues = new(StringComparer.Ordinal);
    private long nextId;

    public Task EnqueueAsync(string queue, string message, CancellationToken ct = default)
    {
        var id = Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        QueueOf(queue).Enqueue(new ReceivedMessage(queue, id, message, 0));
        return Task.CompletedTask;
    }

    public Task<ReceivedMessage?> ReceiveAsync(string queue, CancellationToken ct = default) =>
        Task.FromResult(QueueOf(queue).TryDequeue(out var message) ? message with { DequeueCount = message.DequeueCount + 1 } : null);

    public Task DeleteAsync(ReceivedMessage message, CancellationToken ct = default) => Task.CompletedTask;

    public Task ReleaseAsync(ReceivedMessage message, CancellationToken ct = default)
    {
        QueueOf(message.Queue).Enqueue(message);
        return Task.CompletedTask;
    }

    public Task<int> CountAsync(string queue, CancellationToken ct = default) => Task.FromResult(QueueOf(queue).Count);

    /// <summary>The bodies waiting in a queue, oldest first (for the poison queues' visibility).</summary>
    public IReadOnlyList<string> Peek(string queue) => QueueOf(queue).Select(m => m.Body).ToList();

    private ConcurrentQueue<ReceivedMessage> QueueOf(string queue) => queues.GetOrAdd(queue, _ => new ConcurrentQueue<ReceivedMessage>());
}
