using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

/// <summary>What storing a poll's new articles did: the ids that were new, and what matching found when they were matched there.</summary>
public sealed record StoredArticles(IReadOnlySet<string> Ids, MatchOutcome? Matched);

/// <summary>
/// How a poll stores its feed's new articles and passes them to the match stage: stored "unmatched" and queued as one
/// message (<see cref="ArticleBatchMessage"/>), or, with <see cref="PipelineOptions.MatchInPoll"/>, matched first from
/// memory (<see cref="MatchArticleHandler.FindAsync"/>) and stored with their matches and inbox rows in the poll's own
/// write (<see cref="IArticleStore.TryAddMatchedArticlesAsync"/>): no read back, one commit, and matching runs beside
/// the other polls. If matching or that write fails, the articles are stored and queued the usual way, and the match
/// stage retries them under its redelivery and poison rules.
/// </summary>
public sealed class NewArticleHandoff(IArticleStore articles, IMessageQueue queue, MatchArticleHandler match, IOptions<PipelineOptions> options, ILogger<NewArticleHandoff> logger)
{
    public async Task<StoredArticles> StoreAsync(IReadOnlyList<Article> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0)
        {
            return new StoredArticles(new HashSet<string>(StringComparer.Ordinal), null);
        }

        if (options.Value.MatchInPoll && await TryFindAsync(candidates, ct) is { } found)
        {
            if (await TryStoreMatchedAsync(candidates, found, ct) is { } stored)
            {
                return new StoredArticles(stored, await AlertAsync(found.Only(stored), ct));
            }

            // The write may have stored some of them before failing (a store that cannot do it in one transaction):
            // those are left unmatched and not new to the store any more, so every candidate goes to the match stage.
            var added = await articles.TryAddArticlesAsync(candidates, ct);
            await ArticleBatchMessage.EnqueueAsync(queue, candidates.Select(a => a.Id), ct);
            return new StoredArticles(added, null);
        }

        var plain = await articles.TryAddArticlesAsync(candidates, ct);
        await ArticleBatchMessage.EnqueueAsync(queue, candidates.Where(a => plain.Contains(a.Id)).Select(a => a.Id), ct);
        return new StoredArticles(plain, null);
    }

    private async Task<MatchFindings?> TryFindAsync(IReadOnlyList<Article> candidates, CancellationToken ct)
    {
        try
        {
            return await match.FindAsync(candidates, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Matching {Count} new articles in their poll failed; they are stored unmatched and queued for the match stage", candidates.Count);
            return null;
        }
    }

    private async Task<IReadOnlySet<string>?> TryStoreMatchedAsync(IReadOnlyList<Article> candidates, MatchFindings found, CancellationToken ct)
    {
        try
        {
            return await articles.TryAddMatchedArticlesAsync(candidates.Select((a, i) => new MatchedArticle(a, found.Articles[i])).ToList(), found.At, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Storing {Count} new articles with their matches failed; they are stored unmatched and queued for the match stage", candidates.Count);
            return null;
        }
    }

    /// <summary>The articles are stored and matched: if the alerts cannot be queued, the match stage gets the batch, finds it matched, and queues them.</summary>
    private async Task<MatchOutcome?> AlertAsync(MatchFindings found, CancellationToken ct)
    {
        try
        {
            await match.AlertAsync(found, ct);
            return found.Outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Queueing the alerts of {Count} articles matched in their poll failed; they are queued for the match stage", found.Articles.Count);
            await ArticleBatchMessage.EnqueueAsync(queue, found.Articles.Select(a => a.ArticleId), ct);
            return null;
        }
    }
}
