namespace NewsMonitor.Storage;

public interface ISubscriberStore
{
    Task<IReadOnlyList<Subscriber>> ListSubscribersAsync(CancellationToken ct = default);
    Task<Subscriber?> GetSubscriberAsync(string id, CancellationToken ct = default);
    Task UpsertSubscriberAsync(Subscriber subscriber, CancellationToken ct = default);

    /// <summary>Adds the subscriber unless one with its id exists: false then, and nothing changed.</summary>
    Task<bool> TryAddSubscriberAsync(Subscriber subscriber, CancellationToken ct = default);
    /// <summary>
    /// Writes every subscriber given as one change: in one transaction where the store has them (SQLite: all or nothing); on Tables in
    /// transactions of 100, each idempotent, so a save cut part-way is completed by saving the same again.
    /// </summary>
    Task SaveSubscribersAsync(IReadOnlyList<Subscriber> subscribers, CancellationToken ct = default);

    Task<bool> DeleteSubscriberAsync(string id, CancellationToken ct = default);
}
