using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>
/// The compiled watchlist for the terms currently stored, recompiled only when they change, so matching
/// an article costs one term listing and no compilation.
/// </summary>
public sealed class WatchlistProvider(ITermStore terms)
{
    private readonly Lock gate = new();
    private (string Fingerprint, CompiledWatchlist Watchlist, IReadOnlyList<WatchTerm> Terms)? current;

    public async Task<(CompiledWatchlist Watchlist, IReadOnlyList<WatchTerm> Terms)> GetAsync(CancellationToken ct)
    {
        var list = await terms.ListTermsAsync(ct);
        var fingerprint = string.Join('\u001f', list.Select(t => $"{t.Id}\u001e{t.Query}\u001e{t.MatchCase}\u001e{t.Enabled}"));
        lock (gate)
        {
            if (current is { } cached && cached.Fingerprint == fingerprint)
            {
                return (cached.Watchlist, cached.Terms);
            }
        }

        var compiled = CompiledWatchlist.Compile(list);
        lock (gate)
        {
            current = (fingerprint, compiled, list);
        }

        return (compiled, list);
    }
}
