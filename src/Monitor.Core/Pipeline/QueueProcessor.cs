using Microsoft.Extensions.Logging;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

/// <summary>
/// Runs a handler over a queue with the Functions runtime's rules: a failed message is retried, and after
/// <see cref="MaxDequeueCount"/> tries it moves to "&lt;queue&gt;-poison", where it stays visible.
/// </summary>
public sealed class QueueProcessor(IQueueReceiver receiver, IMessageQueue queues, ILogger<QueueProcessor> logger)
{
    public const int MaxDequeueCount = 5;

    /// <summary>Handles messages until the queue is empty, with up to <paramref name="concurrency"/> at once.</summary>
    public async Task<DrainResult> DrainAsync(string queue, Func<string, CancellationToken, Task> handler, int concurrency, CancellationToken ct)
    {
        var handled = 0;
        var poisoned = 0;
        async Task Worker()
        {
            while (await receiver.ReceiveAsync(queue, ct) is { } message)
            {
                if (await ProcessAsync(message, handler, ct))
                {
                    Interlocked.Increment(ref handled);
                }
                else if (message.DequeueCount >= MaxDequeueCount)
                {
                    Interlocked.Increment(ref poisoned);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Worker()));
        return new DrainResult(handled, poisoned);
    }

    /// <summary>Handles one message; true when the handler succeeded.</summary>
    public async Task<bool> ProcessAsync(ReceivedMessage message, Func<string, CancellationToken, Task> handler, CancellationToken ct)
    {
        try
        {
            await handler(message.Body, ct);
            await receiver.DeleteAsync(message, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (message.DequeueCount >= MaxDequeueCount)
            {
                logger.LogError(e, "Message {Body} on {Queue} failed {Count} times; moved to {Poison}", message.Body, message.Queue, message.DequeueCount, QueueNames.PoisonOf(message.Queue));
                await queues.EnqueueAsync(QueueNames.PoisonOf(message.Queue), message.Body, ct);
                await receiver.DeleteAsync(message, ct);
            }
            else
            {
                logger.LogWarning(e, "Message {Body} on {Queue} failed (try {Count}); it will be retried", message.Body, message.Queue, message.DequeueCount);
                await receiver.ReleaseAsync(message, ct);
            }

            return false;
        }
    }
}

public readonly record struct DrainResult(int Handled, int Poisoned);
