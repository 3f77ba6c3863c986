using NewsMonitor.Feeds;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

public sealed record FeedCounts(int Total, int Enabled, int Unhealthy);

public sealed record UnhealthyFeed(string Id, string Url, string? Title, string? LastError, int ConsecutiveFailures, DateTimeOffset? LastSuccessAt, DateTimeOffset? NextCheckAt);

/// <summary>"ok" when every enabled feed works, "degraded" when some fail (the service itself is up either way).</summary>
public sealed record HealthReport(string Status, FeedCounts Feeds, IReadOnlyList<UnhealthyFeed> UnhealthyFeeds);

/// <summary>Health is anonymous: feed URLs and errors are shown with their credentials masked (see <see cref="UrlRedaction"/>).</summary>
public sealed class HealthReporter(IFeedStore feeds)
{
    public async Task<HealthReport> ReportAsync(CancellationToken ct)
    {
        var all = await feeds.ListFeedsAsync(ct);
        var enabled = all.Where(f => f.Enabled).ToList();
        var unhealthy = enabled
            .Where(f => !f.Health.IsHealthy)
            .Select(f => new UnhealthyFeed(
                f.Id, UrlRedaction.Redact(f.Url), f.Title, UrlRedaction.RedactText(f.Health.LastError), f.Health.ConsecutiveFailures, f.Health.LastSuccessAt, f.Health.NextCheckAt))
            .ToList();
        return new HealthReport(unhealthy.Count == 0 ? "ok" : "degraded", new FeedCounts(all.Count, enabled.Count, unhealthy.Count), unhealthy);
    }
}
