namespace NewsMonitor.Storage;

public interface ISubscriberStore
{
    Task<IReadOnlyList<Subscriber>> ListSubscribersAsync(CancellationToken ct = default);
    Task<Subscriber?> GetSubscriberAsync(string id, CancellationToken ct = default);
    Task UpsertSubscriberAsync(Subscriber subscriber, CancellationToken ct = default);
    Task<bool> DeleteSubscriberAsync(string id, CancellationToken ct = default);
}
