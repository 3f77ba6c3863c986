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

    public Task UpsertSubscriberAsync(Subscriber subscriber, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "INSERT INTO subscribers (id, email, body) VALUES ($id, $email, $body) ON CONFLICT(id) DO UPDATE SET email = excluded.email, body = excluded.body",
            p =>
            {
                p.AddWithValue("$id", subscriber.Id);
                p.AddWithValue("$email", subscriber.Email);
                p.AddWithValue("$body", JsonSerializer.Serialize(subscriber, StorageJson.Options));
            },
            ct);

    public async Task<bool> DeleteSubscriberAsync(string id, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM subscribers WHERE id = $id", p => p.AddWithValue("$id", id), ct) > 0;

    private static Subscriber Read(SqliteDataReader r) => JsonSerializer.Deserialize<Subscriber>(r.GetString(0), StorageJson.Options)!;
}
