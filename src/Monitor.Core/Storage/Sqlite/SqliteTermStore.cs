using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

public sealed class SqliteTermStore(SqliteDatabase db) : ITermStore
{
    public async Task<IReadOnlyList<WatchTerm>> ListTermsAsync(CancellationToken ct = default) =>
        await db.QueryAsync("SELECT * FROM terms ORDER BY position, id", SqliteDatabase.NoParameters, Read, ct);

    public async Task<WatchTerm?> GetTermAsync(string id, CancellationToken ct = default) =>
        (await db.QueryAsync("SELECT * FROM terms WHERE id = $id", p => p.AddWithValue("$id", id), Read, ct)).SingleOrDefault();

    // A new term goes to the end of the watchlist; an updated one keeps its place.
    private const string Insert = """
        INSERT INTO terms (id, name, query, match_case, enabled, position)
        VALUES ($id, $name, $query, $case, $enabled, (SELECT COALESCE(MAX(position), 0) + 1 FROM terms))
        """;

    private const string Upsert = Insert + """

        ON CONFLICT(id) DO UPDATE SET name = excluded.name, query = excluded.query,
            match_case = excluded.match_case, enabled = excluded.enabled
        """;

    public Task UpsertTermAsync(WatchTerm term, CancellationToken ct = default) => db.ExecuteAsync(Upsert, p => Bind(p, term), ct);

    public async Task<bool> TryAddTermAsync(WatchTerm term, CancellationToken ct = default) =>
        await db.ExecuteAsync(Insert + " ON CONFLICT(id) DO NOTHING", p => Bind(p, term), ct) > 0;

    public Task SaveTermsAsync(IReadOnlyList<WatchTerm> terms, IReadOnlyCollection<string> deleteIds, CancellationToken ct = default) =>
        db.WriteAsync(
            connection =>
            {
                SqliteDatabase.RunEach(connection, Upsert, terms, Bind);
                SqliteDatabase.DeleteIds(connection, "terms", deleteIds);
                return terms.Count;
            },
            ct);

    private static void Bind(SqliteParameterCollection p, WatchTerm term)
    {
        p.AddWithValue("$id", term.Id);
        p.AddWithValue("$name", term.Name);
        p.AddWithValue("$query", term.Query);
        p.AddWithValue("$case", term.MatchCase ? 1 : 0);
        p.AddWithValue("$enabled", term.Enabled ? 1 : 0);
    }

    public async Task<bool> DeleteTermAsync(string id, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM terms WHERE id = $id", p => p.AddWithValue("$id", id), ct) > 0;

    private static WatchTerm Read(SqliteDataReader r) => new()
    {
        Id = r.Text("id")!,
        Name = r.Text("name")!,
        Query = r.Text("query")!,
        MatchCase = r.Long("match_case") != 0,
        Enabled = r.Long("enabled") != 0,
    };
}
