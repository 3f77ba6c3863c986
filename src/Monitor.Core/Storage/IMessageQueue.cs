namespace NewsMonitor.Storage;

/// <summary>Queue names shared by the Server and the Functions app. Messages carry ids, never bodies.</summary>
public static class QueueNames
{
    public const string FeedPolls = "feed-polls";
    public const string Articles = "articles";
    public const string Alerts = "alerts";

    public static string PoisonOf(string queue) => queue + "-poison";
}

public interface IMessageQueue
{
    Task EnqueueAsync(string queue, string message, CancellationToken ct = default);
}
