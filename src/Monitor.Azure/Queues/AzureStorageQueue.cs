using System.Text;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using NewsMonitor.Storage;

namespace NewsMonitor.Azure.Queues;

/// <summary>
/// The pipeline's queues on Azure Storage queues, with the semantics of the Functions queue trigger: a
/// received message is leased (invisible) while it is handled, a failed one becomes visible again after the
/// visibility timeout with its dequeue count kept, and QueueProcessor moves it to "&lt;queue&gt;-poison" after 5
/// tries. Bodies are base64-encoded like the runtime's, so the Server and the Functions app share queues.
/// </summary>
public sealed class AzureStorageQueue : IMessageQueue, IQueueReceiver
{
    /// <summary>A queue message is at most 64 KiB on the wire, and base64 makes 3 bytes 4.</summary>
    public const int MaxMessageBytes = 48 * 1024;

    private readonly AzureStorageOptions options;
    private readonly CreatedOnce<QueueClient> queues;

    public AzureStorageQueue(AzureStorageClients clients, IOptions<AzureStorageOptions> options)
    {
        this.options = options.Value;
        queues = new CreatedOnce<QueueClient>(async queue =>
        {
            var client = clients.Queues.GetQueueClient(this.options.QueuePrefix + queue);
            await client.CreateIfNotExistsAsync();
            return client;
        });
    }

    public async Task EnqueueAsync(string queue, string message, CancellationToken ct = default)
    {
        var size = Encoding.UTF8.GetByteCount(message);
        if (size > MaxMessageBytes)
        {
            throw new ArgumentException($"A message on '{queue}' is {size} bytes; queue messages carry ids and must stay under {MaxMessageBytes} bytes.", nameof(message));
        }

        var client = await QueueAsync(queue);
        await client.SendMessageAsync(message, ct);
    }

    public async Task<ReceivedMessage?> ReceiveAsync(string queue, CancellationToken ct = default)
    {
        var client = await QueueAsync(queue);
        var response = await client.ReceiveMessageAsync(options.MessageLease, ct);
        return response.Value is { } message
            ? new ReceivedMessage(queue, message.MessageId, message.Body.ToString(), message.DequeueCount, message.PopReceipt)
            : null;
    }

    public async Task DeleteAsync(ReceivedMessage message, CancellationToken ct = default)
    {
        var client = await QueueAsync(message.Queue);
        try
        {
            await client.DeleteMessageAsync(message.Id, ReceiptOf(message), ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The lease ran out and another consumer took (or finished) the message: it is handled again,
            // idempotently, so there is nothing to undo here.
        }
    }

    public async Task ReleaseAsync(ReceivedMessage message, CancellationToken ct = default)
    {
        var client = await QueueAsync(message.Queue);
        try
        {
            await client.UpdateMessageAsync(message.Id, ReceiptOf(message), visibilityTimeout: options.VisibilityTimeout, cancellationToken: ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already visible again (lease expired): the next receive retries it anyway.
        }
    }

    public async Task<int> CountAsync(string queue, CancellationToken ct = default)
    {
        var client = await QueueAsync(queue);
        return (await client.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
    }

    /// <summary>The bodies waiting in a queue (up to 32), without taking them: what an operator sees in a poison queue.</summary>
    public async Task<IReadOnlyList<string>> PeekAsync(string queue, CancellationToken ct = default)
    {
        var client = await QueueAsync(queue);
        var peeked = await client.PeekMessagesAsync(32, ct);
        return peeked.Value.Select(m => m.Body.ToString()).ToList();
    }

    private static string ReceiptOf(ReceivedMessage message) =>
        message.Receipt as string ?? throw new ArgumentException("This message was not received from an Azure Storage queue.", nameof(message));

    private Task<QueueClient> QueueAsync(string queue) => queues.GetAsync(queue);
}
