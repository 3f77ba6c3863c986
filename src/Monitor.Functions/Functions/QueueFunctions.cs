using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Functions;

/// <summary>
/// The queue-triggered stages. Each message is an id (a feed, a subscriber) or a list of ids (a feed's new
/// articles, <see cref="ArticleBatchMessage"/>), never a body. A
/// function that throws leaves the message to the runtime: retried after host.json's visibilityTimeout, and
/// moved to "&lt;queue&gt;-poison" after maxDequeueCount (5) tries. Every handler is idempotent, so a
/// redelivered message changes nothing twice.
/// </summary>
public sealed class QueueFunctions(PollFeedHandler poll, MatchArticleHandler match, SendDigestsHandler digests, ILogger<QueueFunctions> logger)
{
    /// <summary>A broken feed is not an error here: the handler records it as unhealthy and schedules a retry.</summary>
    [Function("PollFeed")]
    public async Task PollFeed([QueueTrigger(QueueNames.FeedPolls)] QueueMessage message, CancellationToken ct)
    {
        var outcome = await poll.HandleAsync(message.Body.ToString(), ct);
        logger.LogInformation("Feed {Feed}: {Status}, {New} new articles (try {Try})", outcome.FeedId, outcome.Status, outcome.NewArticles, message.DequeueCount);
    }

    [Function("MatchArticle")]
    public async Task MatchArticle([QueueTrigger(QueueNames.Articles)] QueueMessage message, CancellationToken ct)
    {
        var outcome = await match.HandleAsync(message.Body.ToString(), ct);
        logger.LogInformation("Matched {Articles} articles: {Matches} matches (try {Try})", outcome.Articles.Count, outcome.Matches, message.DequeueCount);
    }

    /// <summary>A failed send throws, so the runtime retries the alert; the digest key keeps a retry from sending twice.</summary>
    [Function("SendAlert")]
    public async Task SendAlert([QueueTrigger(QueueNames.Alerts)] QueueMessage message, CancellationToken ct)
    {
        var outcome = await digests.SendForAsync(message.Body.ToString(), ct);
        if (outcome.Status == DigestOutcomeStatus.Failed)
        {
            throw new InvalidOperationException($"Alert for {outcome.SubscriberId} not sent (try {message.DequeueCount}): {outcome.Error}");
        }
    }
}
