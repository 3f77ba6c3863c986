using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

public sealed class SqliteMatchStore(SqliteDatabase db) : IMatchStore
{
    public Task AddMatchAsync(TermMatchRecord match, CancellationToken ct = default)
    {
        // Serialised before the turn to write, which other writers wait for.
        var highlights = JsonSerializer.Serialize(match.Highlights, StorageJson.Options);
        return db.ExecuteAsync(
            "INSERT INTO matches (article_id, term_id, matched_at, highlights) VALUES ($a, $t, $at, $h) ON CONFLICT DO NOTHING",
            p =>
            {
                p.AddWithValue("$a", match.ArticleId);
                p.AddWithValue("$t", match.TermId);
                p.AddWithValue("$at", match.MatchedAt.Db());
                p.AddWithValue("$h", highlights);
            },
            ct);
    }

    /// <summary>Each chunk of ids is one look-up on the primary key's article prefix.</summary>
    public async Task<IReadOnlyList<TermMatchRecord>> ListMatchesForArticlesAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct = default) =>
        (await db.QueryEachChunkAsync("SELECT * FROM matches WHERE article_id IN ({values})", articleIds.Distinct(StringComparer.Ordinal), SqliteDatabase.NoParameters, ReadMatch, ct))
            .OrderBy(m => m.ArticleId, StringComparer.Ordinal)
            .ThenBy(m => m.TermId, StringComparer.Ordinal)
            .ToList();

    public Task AddPendingAsync(string subscriberId, string articleId, string termId, DateTimeOffset at, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "INSERT INTO pending (subscriber_id, article_id, term_id, added_at) VALUES ($s, $a, $t, $at) ON CONFLICT DO NOTHING",
            p =>
            {
                p.AddWithValue("$s", subscriberId);
                p.AddWithValue("$a", articleId);
                p.AddWithValue("$t", termId);
                p.AddWithValue("$at", at.Db());
            },
            ct);

    /// <summary>One transaction for the whole batch, with one prepared statement per table (<see cref="SqliteMatchRows"/>).</summary>
    public Task RecordMatchesAsync(IReadOnlyList<ArticleMatches> batch, DateTimeOffset at, CancellationToken ct = default)
    {
        if (batch.Count == 0)
        {
            return Task.CompletedTask;
        }

        var rows = batch.Select(SqliteMatchRows.ValuesOf).ToList();
        return db.WriteAsync(
            connection =>
            {
                using (var writer = new SqliteMatchRows(connection, at))
                {
                    rows.ForEach(writer.Write);
                }

                SqliteArticleStore.MarkMatched(connection, batch.Select(a => a.ArticleId));
                return batch.Count;
            },
            ct);
    }

    public async Task<IReadOnlyList<PendingItem>> ListPendingAsync(string subscriberId, CancellationToken ct = default) =>
        await db.QueryAsync(
            "SELECT * FROM pending WHERE subscriber_id = $s AND digest_key IS NULL ORDER BY added_at, article_id, term_id",
            p => p.AddWithValue("$s", subscriberId),
            r => new PendingItem(r.Text("subscriber_id")!, r.Text("article_id")!, r.Text("term_id")!, r.Time("added_at")!.Value),
            ct);

    public Task MarkDeliveredAsync(string subscriberId, IReadOnlyCollection<PendingItem> items, string digestKey, CancellationToken ct = default) =>
        db.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "UPDATE pending SET digest_key = $k WHERE subscriber_id = $s AND article_id = $a AND term_id = $t";
                command.Parameters.AddWithValue("$k", digestKey);
                command.Parameters.AddWithValue("$s", subscriberId);
                var article = command.Parameters.Add(new SqliteParameter { ParameterName = "$a" });
                var term = command.Parameters.Add(new SqliteParameter { ParameterName = "$t" });
                foreach (var item in items)
                {
                    article.Value = item.ArticleId;
                    term.Value = item.TermId;
                    command.ExecuteNonQuery();
                }

                return items.Count;
            },
            ct);

    private static TermMatchRecord ReadMatch(SqliteDataReader r) => new()
    {
        ArticleId = r.Text("article_id")!,
        TermId = r.Text("term_id")!,
        MatchedAt = r.Time("matched_at")!.Value,
        Highlights = JsonSerializer.Deserialize<List<HighlightSpan>>(r.Text("highlights")!, StorageJson.Options) ?? [],
    };
}
