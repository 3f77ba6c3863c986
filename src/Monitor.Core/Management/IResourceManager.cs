namespace NewsMonitor.Management;

/// <summary>
/// The five operations every managed list (terms, subscribers, feeds) offers, so a host maps them once.
/// Each throws <see cref="ApiProblemException"/> for unknown ids (404), invalid input (400) and taken ids (409).
/// </summary>
public interface IResourceManager<TInput, TView>
{
    string IdOf(TView item);

    Task<Page<TView>> ListAsync(PageRequest page, CancellationToken ct);

    Task<TView> GetAsync(string id, CancellationToken ct);

    Task<TView> CreateAsync(TInput input, CancellationToken ct);

    Task<TView> UpdateAsync(string id, TInput input, CancellationToken ct);

    Task DeleteAsync(string id, CancellationToken ct);
}
