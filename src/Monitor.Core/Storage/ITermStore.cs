namespace NewsMonitor.Storage;

public interface ITermStore
{
    Task<IReadOnlyList<WatchTerm>> ListTermsAsync(CancellationToken ct = default);
    Task<WatchTerm?> GetTermAsync(string id, CancellationToken ct = default);
    Task UpsertTermAsync(WatchTerm term, CancellationToken ct = default);
    Task<bool> DeleteTermAsync(string id, CancellationToken ct = default);
}
