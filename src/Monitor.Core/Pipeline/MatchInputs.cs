using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

/// <summary>
/// The compiled watchlist and the active subscribers that matching works with. Read from the stores at each call,
/// except while a drain of the poll queue holds them (<see cref="Hold"/>): then they are read once, when the first
/// feed with new articles needs them, and shared by every poll of that drain instead of being read again for each
/// feed. A term or subscriber changed while a drain runs applies from the next drain (the next cycle).
/// </summary>
public sealed class MatchInputs(WatchlistProvider watchlist, ISubscriberStore subscribers)
{
    private readonly Lock gate = new();
    private int holds;
    private Task<CompiledWatchlist>? heldWatchlist;
    private Task<IReadOnlyList<Subscriber>>? heldAudience;

    /// <summary>Shares what is read from now until the returned handle is disposed (holds may overlap).</summary>
    public IDisposable Hold()
    {
        lock (gate)
        {
            holds++;
        }

        return new Release(this);
    }

    public Task<CompiledWatchlist> GetWatchlistAsync(CancellationToken ct) => Shared(ref heldWatchlist, ReadWatchlistAsync, ct);

    /// <summary>The subscribers who are active: those a match goes to.</summary>
    public Task<IReadOnlyList<Subscriber>> GetAudienceAsync(CancellationToken ct) => Shared(ref heldAudience, ReadAudienceAsync, ct);

    /// <summary>The held read, made at its first use; a read that failed is not kept, so the next poll reads again.</summary>
    private Task<T> Shared<T>(ref Task<T>? held, Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        lock (gate)
        {
            if (holds > 0)
            {
                if (held is null || held.IsFaulted || held.IsCanceled)
                {
                    // Not the caller's token: the read is shared with polls that were not cancelled.
                    held = read(CancellationToken.None);
                }

                return held.WaitAsync(ct);
            }
        }

        return read(ct);
    }

    private async Task<CompiledWatchlist> ReadWatchlistAsync(CancellationToken ct) => (await watchlist.GetAsync(ct)).Watchlist;

    private async Task<IReadOnlyList<Subscriber>> ReadAudienceAsync(CancellationToken ct) =>
        (await subscribers.ListSubscribersAsync(ct)).Where(s => s.State == SubscriberState.Active).ToList();

    private void Let()
    {
        lock (gate)
        {
            if (--holds == 0)
            {
                (heldWatchlist, heldAudience) = (null, null);
            }
        }
    }

    private sealed class Release(MatchInputs inputs) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                inputs.Let();
            }
        }
    }
}
