namespace NewsMonitor.Storage;

public interface ITermStore
{
    Task<IReadOnlyList<WatchTerm>> ListTermsAsync(CancellationToken ct = default);
    Task<WatchTerm?> GetTermAsync(string id, CancellationToken ct = default);
    Task UpsertTermAsync(WatchTerm term, CancellationToken ct = default);

    /// <summary>Adds the term at the end of the watchlist unless one with its id exists: false then, and nothing changed.</summary>
    Task<bool> TryAddTermAsync(WatchTerm term, CancellationToken ct = default);
    /// <summary>
    /// Writes <paramref name="terms"/> (a new one at the end of the watchlist, in the order given; a known one in its place)
    /// and deletes <paramref name="deleteIds"/>, as one change: in one transaction where the store has them (SQLite: all or nothing); on Tables in
    /// transactions of 100, each idempotent, so a save cut part-way is completed by saving the same again.
    /// </summary>
    Task SaveTermsAsync(IReadOnlyList<WatchTerm> terms, IReadOnlyCollection<string> deleteIds, CancellationToken ct = default);

    Task<bool> DeleteTermAsync(string id, CancellationToken ct = default);
}
