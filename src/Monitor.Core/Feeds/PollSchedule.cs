using Microsoft.Extensions.Options;
using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

/// <summary>
/// When a feed is checked next. After a success: its interval, stretched (never shortened) by what the
/// server and the feed say about freshness (Cache-Control max-age or Expires, RSS &lt;ttl&gt;), up to a day.
/// After failures: an exponential back-off from 5 minutes, doubled per failure, capped at a day, with
/// ±20 % jitter so feeds that failed together do not all come back together; a Retry-After longer than
/// that is honoured. A failing feed is never given up, and one success resets it.
/// </summary>
public sealed class PollSchedule
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(24);

    /// <summary>The longest a server or a feed can make us wait between checks.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(24);

    private const double Jitter = 0.2;

    private readonly IOptions<FeedFetchOptions> options;
    private readonly Random random;
    private readonly Lock randomLock = new();

    public PollSchedule(IOptions<FeedFetchOptions> options)
        : this(options, Random.Shared)
    {
    }

    /// <summary>With a seeded <paramref name="random"/>, the jitter is reproducible (tests).</summary>
    internal PollSchedule(IOptions<FeedFetchOptions> options, Random random)
    {
        this.options = options;
        this.random = random;
    }

    public DateTimeOffset AfterSuccess(FeedSource feed, DateTimeOffset now, TimeSpan? freshFor, TimeSpan? timeToLive = null)
    {
        var interval = feed.Interval ?? options.Value.DefaultInterval;
        foreach (var hint in new[] { freshFor, timeToLive })
        {
            if (hint is { } asked && asked > interval)
            {
                interval = asked < MaxInterval ? asked : MaxInterval;
            }
        }

        return now + interval;
    }

    public DateTimeOffset AfterFailure(int consecutiveFailures, DateTimeOffset now, TimeSpan? retryAfter)
    {
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 16);
        var backoff = Math.Min(FirstBackoff.Ticks << exponent, MaxBackoff.Ticks);
        double factor;
        lock (randomLock)
        {
            factor = 1 - Jitter + (2 * Jitter * random.NextDouble());
        }

        var jittered = TimeSpan.FromTicks(Math.Min((long)(backoff * factor), MaxBackoff.Ticks));
        if (retryAfter is { } asked && asked > jittered)
        {
            jittered = asked < MaxBackoff ? asked : MaxBackoff;
        }

        return now + jittered;
    }
}
