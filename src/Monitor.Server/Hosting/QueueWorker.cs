using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Server.Hosting;

/// <summary>The queue triggers of the Functions app, on one machine: poll, match and alert messages, with retries and poison queues.</summary>
public sealed class QueueWorker(
    QueueProcessor processor,
    MatchInputs matchInputs,
    PollFeedHandler poll,
    MatchArticleHandler match,
    SendDigestsHandler digests,
    IArticleStore articles,
    IMessageQueue queue,
    IOptions<FeedFetchOptions> feedOptions,
    TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ArticleBatchMessage.EnqueueAsync(queue, await articles.ListUnmatchedArticleIdsAsync(10_000, stoppingToken), stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            DrainResult polled;
            using (matchInputs.Hold())
            {
                // The polls that match their articles read the watchlist and subscribers once between them, not once a feed.
                polled = await processor.DrainAsync(QueueNames.FeedPolls, (id, ct) => poll.HandleAsync(id, ct), feedOptions.Value.MaxConcurrency, stoppingToken);
            }

            var matched = await processor.DrainAsync(QueueNames.Articles, (message, ct) => match.HandleAsync(message, ct), 1, stoppingToken);
            var alerted = await processor.DrainAsync(QueueNames.Alerts, (id, ct) => SendAlertAsync(id, ct), 1, stoppingToken);
            if (polled.Handled + matched.Handled + alerted.Handled == 0)
            {
                await Task.Delay(IdleDelay, time, stoppingToken);
            }
        }
    }

    private async Task SendAlertAsync(string subscriberId, CancellationToken ct)
    {
        var outcome = await digests.SendForAsync(subscriberId, ct);
        if (outcome.Status == DigestOutcomeStatus.Failed)
        {
            throw new InvalidOperationException(outcome.Error);
        }
    }
}
