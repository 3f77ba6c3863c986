namespace NewsMonitor.Storage;

/// <summary>A message taken from a queue; invisible to others until deleted or released.</summary>
public sealed record ReceivedMessage(string Queue, string Id, string Body, long DequeueCount, object? Receipt = null);

/// <summary>The consuming side of a queue, with the Azure Storage semantics the Functions runtime uses.</summary>
public interface IQueueReceiver
{
    Task<ReceivedMessage?> ReceiveAsync(string queue, CancellationToken ct = default);

    /// <summary>The message was handled; it is gone.</summary>
    Task DeleteAsync(ReceivedMessage message, CancellationToken ct = default);

    /// <summary>The handler failed; the message becomes visible again for another try.</summary>
    Task ReleaseAsync(ReceivedMessage message, CancellationToken ct = default);

    /// <summary>Messages waiting in the queue (approximate for remote queues).</summary>
    Task<int> CountAsync(string queue, CancellationToken ct = default);
}
