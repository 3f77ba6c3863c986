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

        await output.WriteLineAsync($"articles: {report.NewArticles} new, {report.ArticlesMatched} matched against the watchlist, {report.Matches} term matches");
        var pickup = services.GetRequiredService<IOptions<DeliveryOptions>>().Value;
        var where = pickup.Sender == "pickup" ? $" to {Path.GetFullPath(pickup.PickupDirectory)}" : $" via {pickup.Sender}";
        await output.WriteLineAsync($"messages: {report.MessagesSent} written{where}");
        foreach (var digest in report.Digests)
        {
            var status = digest.Status == DigestOutcomeStatus.Sent ? "sent" : $"FAILED ({digest.Error})";
            await output.WriteLineAsync($"  {status}  {digest.SubscriberId}: {digest.Articles} articles");
        }

        if (report.Poisoned > 0)
        {
            await output.WriteLineAsync($"poisoned: {report.Poisoned} messages failed 5 times and were set aside");
        }
    }
}
