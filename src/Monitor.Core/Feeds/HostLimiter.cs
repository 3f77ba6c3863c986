using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace NewsMonitor.Feeds;

/// <summary>At most <see cref="FeedFetchOptions.MaxConcurrencyPerHost"/> requests to one host at a time, whatever the overall concurrency.</summary>
public sealed class HostLimiter(IOptions<FeedFetchOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for a slot on the URL's host; dispose the result to give it back.</summary>
    public async Task<IDisposable> AcquireAsync(Uri uri, CancellationToken ct)
    {
        var limit = Math.Max(1, options.Value.MaxConcurrencyPerHost);
        var gate = hosts.GetOrAdd(uri.IdnHost, _ => new SemaphoreSlim(limit, limit));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new Slot(gate);
    }

    private sealed class Slot(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
