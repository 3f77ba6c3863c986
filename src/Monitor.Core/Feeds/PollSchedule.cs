using Microsoft.Extensions.Options;
using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

/// <summary>When a feed is checked next: its interval after a success, an exponential, capped back-off after failures.</summary>
public sealed class PollSchedule(IOptions<FeedFetchOptions> options)
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(24);

    public DateTimeOffset AfterSuccess(FeedSource feed, DateTimeOffset now, TimeSpan? serverHint)
    {
        var interval = feed.Interval ?? options.Value.DefaultInterval;
        if (serverHint is { } hint && hint > interval)
        {
            // Servers that ask for fewer requests get them, within reason.
            interval = hint < MaxBackoff ? hint : MaxBackoff;
        }

        return now + interval;
    }

    /// <summary>A failing feed is never given up: it is retried at most a day later, however long it fails.</summary>
    public DateTimeOffset AfterFailure(int consecutiveFailures, DateTimeOffset now, TimeSpan? retryAfter)
    {
        var exponent = Math.Min(consecutiveFailures - 1, 16);
        var backoff = TimeSpan.FromTicks(Math.Min(FirstBackoff.Ticks << Math.Max(exponent, 0), MaxBackoff.Ticks));
        if (retryAfter is { } asked && asked > backoff)
        {
            backoff = asked < MaxBackoff ? asked : MaxBackoff;
        }

        return now + backoff;
    }
}
