using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsMonitor.Delivery;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Server.Cli;

/// <summary>The run-once summary: a few lines a person reads, failures spelled out.</summary>
public static class CycleReportPrinter
{
    public static async Task PrintAsync(CycleReport report, IServiceProvider services, TextWriter output)
    {
        var ok = report.Polls.Count - report.FeedsFailed;
        await output.WriteLineAsync($"feeds:    {report.Polls.Count} polled, {ok} ok, {report.FeedsFailed} failed");
        var feeds = services.GetRequiredService<IFeedStore>();
        foreach (var failed in report.Polls.Where(p => p.Status == PollStatus.Failed).OrderBy(p => p.Url, StringComparer.Ordinal))
        {
            var feed = await feeds.GetFeedAsync(failed.FeedId);
            var next = feed?.Health.NextCheckAt is { } at ? at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "?";
            await output.WriteLineAsync($"  failed  {failed.Url}: {failed.Error} ({feed?.Health.ConsecutiveFailures} in a row; next try {next})");
        }

        await PrintNotDueAsync(report, feeds, services.GetRequiredService<TimeProvider>().GetUtcNow(), output);

        await output.WriteLineAsync($"articles: {report.NewArticles} new, {report.ArticlesMatched} matched against the watchlist, {report.Matches} term matches");
        var pickup = services.GetRequiredService<IOptions<DeliveryOptions>>().Value;
        var where = pickup.Sender == "pickup" ? $" to {Path.GetFullPath(pickup.PickupDirectory)}" : $" via {pickup.Sender}";
        var failures = report.DigestsFailed > 0 ? $", {report.DigestsFailed} failed" : "";
        await output.WriteLineAsync($"messages: {report.MessagesSent} written{where}{failures}");
        var subscribers = services.GetRequiredService<ISubscriberStore>();
        foreach (var digest in report.Said)
        {
            var kind = await subscribers.GetSubscriberAsync(digest.SubscriberId) is { } subscriber ? KindOf(subscriber.Cadence) : "digest";
            await output.WriteLineAsync($"  {digest.SubscriberId} ({kind}): {digest.Summary}");
        }

        if (report.NothingWaiting > 0)
        {
            await output.WriteLineAsync($"  nothing waiting for {report.NothingWaiting} {(report.NothingWaiting == 1 ? "subscriber" : "subscribers")}");
        }

        if (report.Poisoned > 0)
        {
            await output.WriteLineAsync($"poisoned: {report.Poisoned} messages failed 5 times and were set aside");
        }
    }

    /// <summary>Feeds this cycle left alone are said, with when the next one is checked: a quiet cycle is not a broken one.</summary>
    private static async Task PrintNotDueAsync(CycleReport report, IFeedStore feeds, DateTimeOffset now, TextWriter output)
    {
        var polled = report.Polls.Select(p => p.FeedId).ToHashSet(StringComparer.Ordinal);
        var all = await feeds.ListFeedsAsync();
        var waiting = all.Where(f => f.Enabled && !polled.Contains(f.Id) && f.Health.NextCheckAt > now).ToList();
        if (waiting.Count > 0)
        {
            var next = waiting.Min(f => f.Health.NextCheckAt!.Value);
            var minutes = (int)Math.Ceiling((next - now).TotalMinutes);
            await output.WriteLineAsync(
                $"  not due {waiting.Count} {(waiting.Count == 1 ? "feed" : "feeds")}: the next check is at {next.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)} (in {minutes} min)");
        }

        var disabled = all.Count(f => !f.Enabled);
        if (disabled > 0)
        {
            await output.WriteLineAsync($"  disabled {disabled} {(disabled == 1 ? "feed" : "feeds")} (not polled)");
        }
    }

    private static string KindOf(Cadence cadence) => cadence switch
    {
        Cadence.Immediate => "immediate alert",
        Cadence.Hourly => "hourly digest",
        Cadence.Daily => "daily digest",
        _ => "weekly digest",
    };
}
