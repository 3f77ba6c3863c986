using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

public sealed class SqliteDigestLog(SqliteDatabase db) : IDigestLog
{
    public async Task<DigestRecord?> GetDigestAsync(string subscriberId, string period, CancellationToken ct = default) =>
        (await db.QueryAsync(
            "SELECT * FROM digests WHERE subscriber_id = $s AND period = $p",
            p =>
            {
                p.AddWithValue("$s", subscriberId);
                p.AddWithValue("$p", period);
            },
            Read,
            ct)).SingleOrDefault();

    public async Task<DigestRecord?> GetLastDigestAsync(string subscriberId, CancellationToken ct = default) =>
        (await db.QueryAsync(
            "SELECT * FROM digests WHERE subscriber_id = $s ORDER BY updated_at DESC LIMIT 1",
            p => p.AddWithValue("$s", subscriberId),
            Read,
            ct)).SingleOrDefault();

    public Task SaveDigestAsync(DigestRecord record, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO digests (subscriber_id, period, status, item_count, updated_at, message_id)
            VALUES ($s, $p, $status, $count, $at, $mid)
            ON CONFLICT(subscriber_id, period) DO UPDATE SET status = excluded.status, item_count = excluded.item_count,
                updated_at = excluded.updated_at, message_id = excluded.message_id
            """,
            p =>
            {
                p.AddWithValue("$s", record.SubscriberId);
                p.AddWithValue("$p", record.Period);
                p.AddWithValue("$status", record.Status.ToString());
                p.AddWithValue("$count", record.ItemCount);
                p.AddWithValue("$at", record.UpdatedAt.Db());
                p.AddWithValue("$mid", record.MessageId.Db());
            },
            ct);

    public async Task<bool> TryBeginAsync(DigestRecord sending, DateTimeOffset staleBefore, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            INSERT INTO digests (subscriber_id, period, status, item_count, updated_at, message_id)
            VALUES ($s, $p, 'Sending', $count, $at, $mid)
            ON CONFLICT(subscriber_id, period) DO UPDATE SET item_count = excluded.item_count,
                updated_at = excluded.updated_at, message_id = excluded.message_id
            WHERE digests.status = 'Sending' AND digests.updated_at < $stale
            """,
            p =>
            {
                p.AddWithValue("$s", sending.SubscriberId);
                p.AddWithValue("$p", sending.Period);
                p.AddWithValue("$count", sending.ItemCount);
                p.AddWithValue("$at", sending.UpdatedAt.Db());
                p.AddWithValue("$mid", sending.MessageId.Db());
                p.AddWithValue("$stale", staleBefore.Db());
            },
            ct) > 0;

    private static DigestRecord Read(SqliteDataReader r) => new()
    {
        SubscriberId = r.Text("subscriber_id")!,
        Period = r.Text("period")!,
        Status = Enum.Parse<DigestStatus>(r.Text("status")!),
        ItemCount = (int)r.Long("item_count"),
        UpdatedAt = r.Time("updated_at")!.Value,
        MessageId = r.Text("message_id"),
    };
}
