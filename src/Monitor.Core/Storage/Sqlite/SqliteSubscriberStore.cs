using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

/// <summary>Subscribers are stored as JSON documents: their shape grows (quiet hours, state) without migrations.</summary>
public sealed class SqliteSubscriberStore(SqliteDatabase db) : ISubscriberStore
{
    public async Task<IReadOnlyList<Subscriber>> ListSubscribersAsync(CancellationToken ct = default) =>
        await db.QueryAsync("SELECT body FROM subscribers ORDER BY id", SqliteDatabase.NoParameters, Read, ct);

    public async Task<Subscriber?> GetSubscriberAsync(string id, CancellationToken ct = default) =>
        (await db.QueryAsync("SELECT body FROM subscribers WHERE id = $id", p => p.AddWithValue("$id", id), Read, ct)).SingleOrDefault();

    private const string Insert = "INSERT INTO subscribers (id, email, body) VALUES ($id, $email, $body)";

    private const string Upsert = Insert + " ON CONFLICT(id) DO UPDATE SET email = excluded.email, body = excluded.body";

    public Task UpsertSubscriberAsync(Subscriber subscriber, CancellationToken ct = default) => db.ExecuteAsync(Upsert, p => Bind(p, subscriber), ct);

    public async Task<bool> TryAddSubscriberAsync(Subscriber subscriber, CancellationToken ct = default) =>
        await db.ExecuteAsync(Insert + " ON CONFLICT(id) DO NOTHING", p => Bind(p, subscriber), ct) > 0;

    public Task SaveSubscribersAsync(IReadOnlyList<Subscriber> subscribers, CancellationToken ct = default) =>
        db.WriteAsync(
            connection =>
            {
                SqliteDatabase.RunEach(connection, Upsert, subscribers, Bind);
                return subscribers.Count;
            },
            ct);

    private static void Bind(SqliteParameterCollection p, Subscriber subscriber)
    {
        p.AddWithValue("$id", subscriber.Id);
        p.AddWithValue("$email", subscriber.Email);
        p.AddWithValue("$body", JsonSerializer.Serialize(subscriber, StorageJson.Options));
    }

    public async Task<bool> DeleteSubscriberAsync(string id, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM subscribers WHERE id = $id", p => p.AddWithValue("$id", id), ct) > 0;

    private static Subscriber Read(SqliteDataReader r) => JsonSerializer.Deserialize<Subscriber>(r.GetString(0), StorageJson.Options)!;
}
