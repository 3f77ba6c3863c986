using Azure.Data.Tables;
using NewsMonitor.Storage;

namespace NewsMonitor.Azure.Tables;

/// <summary>Subscribers: one partition ("subscriber"), RowKey = subscriber id, the record as a JSON document.</summary>
public sealed class TableSubscriberStore(MonitorTables tables) : ISubscriberStore
{
    private const string Partition = "subscriber";

    public async Task<IReadOnlyList<Subscriber>> ListSubscribersAsync(CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Subscribers);
        return (await table.PartitionAsync(Partition, ct)).Select(EntityBody.Read<Subscriber>).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<Subscriber?> GetSubscriberAsync(string id, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Subscribers);
        return await table.FindAsync(Partition, TableKeys.Encode(id), ct) is { } entity ? EntityBody.Read<Subscriber>(entity) : null;
    }

    public async Task UpsertSubscriberAsync(Subscriber subscriber, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Subscribers);
        await table.UpsertEntityAsync(Entity(subscriber), TableUpdateMode.Replace, ct);
    }

    public async Task<bool> TryAddSubscriberAsync(Subscriber subscriber, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Subscribers);
        return await table.TryAddAsync(Entity(subscriber), ct);
    }

    public async Task SaveSubscribersAsync(IReadOnlyList<Subscriber> subscribers, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Subscribers);
        await table.UpsertInTransactionsAsync(subscribers.Select(Entity), ct);
    }

    private static TableEntity Entity(Subscriber subscriber)
    {
        var entity = EntityBody.Create(Partition, TableKeys.Encode(subscriber.Id), subscriber);
        entity["Email"] = subscriber.Email;
        return entity;
    }

    public async Task<bool> DeleteSubscriberAsync(string id, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Subscribers);
        return await table.RemoveAsync(Partition, TableKeys.Encode(id), ct);
    }
}
