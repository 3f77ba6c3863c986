// Compile-only reference: the shape of Microsoft.Azure.Functions.Worker.Extensions.Storage.Queues (see README.md).
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Runs a function for each message of a queue (base64-decoded by the runtime).</summary>
public sealed class QueueTriggerAttribute : TriggerBindingAttribute
{
    public QueueTriggerAttribute(string queueName) => QueueName = queueName;

    public string QueueName { get; }

    /// <summary>The app setting (prefix) naming the storage account; AzureWebJobsStorage when null.</summary>
    public string? Connection { get; set; }
}

/// <summary>Writes a function's output to a queue.</summary>
public sealed class QueueOutputAttribute : OutputBindingAttribute
{
    public QueueOutputAttribute(string queueName) => QueueName = queueName;

    public string QueueName { get; }

    public string? Connection { get; set; }
}
