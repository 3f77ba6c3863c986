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

    public async Task<bool> HasSentAsync(string subscriberId, CancellationToken ct = default) =>
        (await db.QueryAsync(
            "SELECT 1 FROM digests WHERE subscriber_id = $s AND status = 'Sent' LIMIT 1",
            p => p.AddWithValue("$s", subscriberId),
            _ => true,
            ct)).Count > 0;

    public async Task<IReadOnlyList<DigestRecord>> GetDigestsAsync(string subscriberId, IReadOnlyCollection<string> periods, CancellationToken ct = default) =>
        await db.QueryEachChunkAsync(
            "SELECT * FROM digests WHERE subscriber_id = $s AND period IN ({values})",
            periods.Distinct(StringComparer.Ordinal),
            p => p.AddWithValue("$s", subscriberId),
            Read,
            ct);

    public Task SaveDigestAsync(DigestRecord record, CancellationToken ct = default) => SaveDigestsAsync(record.SubscriberId, [record], ct);

    /// <summary>One transaction for all of them.</summary>
    public Task SaveDigestsAsync(string subscriberId, IReadOnlyCollection<DigestRecord> records, CancellationToken ct = default)
    {
        DigestRecord.EnsureAllOf(subscriberId, records);

        return records.Count == 0 ? Task.CompletedTask : db.WriteAsync(
            connection =>
            {
                SqliteDatabase.RunEach(connection, Upsert, records, Bind);
                return records.Count;
            },
            ct);
    }

    private const string Upsert = """
        INSERT INTO digests (subscriber_id, period, status, item_count, updated_at, message_id, claimed_at, last_error)
        VALUES ($s, $p, $status, $count, $at, $mid, $claimed, $error)
        ON CONFLICT(subscriber_id, period) DO UPDATE SET status = excluded.status, item_count = excluded.item_count,
            updated_at = excluded.updated_at, message_id = excluded.message_id, claimed_at = excluded.claimed_at,
            last_error = excluded.last_error
        """;

    private static void Bind(SqliteParameterCollection p, DigestRecord record)
    {
        p.AddWithValue("$s", record.SubscriberId);
        p.AddWithValue("$p", record.Period);
        p.AddWithValue("$status", record.Status.ToString());
        p.AddWithValue("$count", record.ItemCount);
        p.AddWithValue("$at", record.UpdatedAt.Db());
        p.AddWithValue("$mid", record.MessageId.Db());
        p.AddWithValue("$claimed", record.ClaimedAt.Db());
        p.AddWithValue("$error", record.LastError.Db());
    }

    public Task RecordFailureAsync(string subscriberId, string period, string error, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "UPDATE digests SET last_error = $error WHERE subscriber_id = $s AND period = $p AND status = 'Sending'",
            p =>
            {
                p.AddWithValue("$s", subscriberId);
                p.AddWithValue("$p", period);
                p.AddWithValue("$error", error);
            },
            ct);

    public async Task<bool> TryBeginAsync(DigestRecord sending, DateTimeOffset staleBefore, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            INSERT INTO digests (subscriber_id, period, status, item_count, updated_at, message_id, claimed_at)
            VALUES ($s, $p, 'Sending', $count, $at, $mid, $claimed)
            ON CONFLICT(subscriber_id, period) DO UPDATE SET item_count = excluded.item_count,
                updated_at = excluded.updated_at, message_id = excluded.message_id, claimed_at = excluded.claimed_at
            WHERE digests.status = 'Sending' AND digests.updated_at < $stale
            """,
            p =>
            {
                p.AddWithValue("$s", sending.SubscriberId);
                p.AddWithValue("$p", sending.Period);
                p.AddWithValue("$count", sending.ItemCount);
                p.AddWithValue("$at", sending.UpdatedAt.Db());
                p.AddWithValue("$mid", sending.MessageId.Db());
                p.AddWithValue("$claimed", sending.ClaimedAt.Db());
                p.AddWithValue("$stale", staleBefore.Db());
            },
            ct) > 0;

    public Task<bool> TryClaimAsync(DigestRecord sending, IReadOnlyCollection<PendingItem> items, CancellationToken ct = default) =>
        db.WriteAsync(
            connection =>
            {
                using var claim = connection.CreateCommand();
                claim.CommandText = """
                    INSERT INTO digests (subscriber_id, period, status, item_count, updated_at, message_id, claimed_at)
                    VALUES ($s, $p, 'Sending', $count, $at, $mid, $claimed)
                    ON CONFLICT(subscriber_id, period) DO NOTHING
                    """;
                claim.Parameters.AddWithValue("$s", sending.SubscriberId);
                claim.Parameters.AddWithValue("$p", sending.Period);
                claim.Parameters.AddWithValue("$count", sending.ItemCount);
                claim.Parameters.AddWithValue("$at", sending.UpdatedAt.Db());
                claim.Parameters.AddWithValue("$mid", sending.MessageId.Db());
                claim.Parameters.AddWithValue("$claimed", sending.ClaimedAt.Db());
                if (claim.ExecuteNonQuery() == 0)
                {
                    return false;
                }

                // In the claim's transaction (savepoint): the key and its items are recorded together or not at all.
                using var item = connection.CreateCommand();
                item.CommandText = """
                    INSERT OR REPLACE INTO digest_items (subscriber_id, period, article_id, term_id, added_at)
                    VALUES ($s, $p, $a, $t, $at)
                    """;
                item.Parameters.AddWithValue("$s", sending.SubscriberId);
                item.Parameters.AddWithValue("$p", sending.Period);
                var article = item.Parameters.Add(new SqliteParameter { ParameterName = "$a" });
                var term = item.Parameters.Add(new SqliteParameter { ParameterName = "$t" });
                var added = item.Parameters.Add(new SqliteParameter { ParameterName = "$at" });
                foreach (var pending in items)
                {
                    article.Value = pending.ArticleId;
                    term.Value = pending.TermId;
                    added.Value = pending.AddedAt.Db();
                    item.ExecuteNonQuery();
                }

                return true;
            },
            ct);

    public async Task<IReadOnlyList<PendingItem>> GetClaimedItemsAsync(string subscriberId, string period, CancellationToken ct = default) =>
        await db.QueryAsync(
            "SELECT * FROM digest_items WHERE subscriber_id = $s AND period = $p ORDER BY added_at, article_id, term_id",
            p =>
            {
                p.AddWithValue("$s", subscriberId);
                p.AddWithValue("$p", period);
            },
            r => new PendingItem(r.Text("subscriber_id")!, r.Text("article_id")!, r.Text("term_id")!, r.Time("added_at")!.Value),
            ct);

    public async Task<IReadOnlyList<DigestRecord>> ListUnconfirmedAsync(string subscriberId, CancellationToken ct = default) =>
        await db.QueryAsync(
            "SELECT * FROM digests WHERE subscriber_id = $s AND status = 'Sending' ORDER BY updated_at, period",
            p => p.AddWithValue("$s", subscriberId),
            Read,
            ct);

    private static DigestRecord Read(SqliteDataReader r) => new()
    {
        SubscriberId = r.Text("subscriber_id")!,
        Period = r.Text("period")!,
        Status = Enum.Parse<DigestStatus>(r.Text("status")!),
        ItemCount = (int)r.Long("item_count"),
        UpdatedAt = r.Time("updated_at")!.Value,
        MessageId = r.Text("message_id"),
        ClaimedAt = r.Time("claimed_at"),
        LastError = r.Text("last_error"),
    };
}
