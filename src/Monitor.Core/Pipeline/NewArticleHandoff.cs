using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

/// <summary>
/// How a poll passes its feed's newly stored articles to the match stage: one queue message (<see cref="ArticleBatchMessage"/>),
/// or, with <see cref="PipelineOptions.MatchInPoll"/>, matched at once by <see cref="MatchArticleHandler"/> from the
/// articles still in memory, which spares the match stage reading them back and lets matching run beside the other
/// polls. The articles are stored (and "unmatched") before either: if matching in the poll fails, they are queued
/// as a batch instead and the match stage retries them with its usual redelivery and poison rules.
/// </summary>
public sealed class NewArticleHandoff(IMessageQueue queue, MatchArticleHandler match, IOptions<PipelineOptions> options, ILogger<NewArticleHandoff> logger)
{
    /// <summary>What matching did when the articles were matched here; null when they were queued.</summary>
    public async Task<MatchOutcome?> HandOffAsync(IReadOnlyList<Article> stored, CancellationToken ct)
    {
        if (stored.Count == 0)
        {
            return null;
        }

        if (options.Value.MatchInPoll)
        {
            try
            {
                return await match.MatchNewAsync(stored, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Matching {Count} new articles in their poll failed; they are queued for the match stage", stored.Count);
            }
        }

        await ArticleBatchMessage.EnqueueAsync(queue, stored.Select(a => a.Id), ct);
        return null;
    }
}
