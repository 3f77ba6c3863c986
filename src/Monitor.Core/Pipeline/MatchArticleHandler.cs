using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

public sealed record MatchOutcome(string ArticleId, IReadOnlyList<string> TermIds);

/// <summary>
/// Stage 3: evaluate every enabled term against one article, store a match row per (article, term),
/// put the match in the inbox of each subscriber who follows the term, and alert immediate subscribers.
/// The article is marked matched last, so a crash before that only means it is matched again (idempotently).
/// </summary>
public sealed class MatchArticleHandler(
    IArticleStore articles,
    ISubscriberStore subscribers,
    IMatchStore matches,
    IMessageQueue queue,
    WatchlistProvider watchlist,
    TimeProvider time)
{
    public async Task<MatchOutcome> HandleAsync(string articleId, CancellationToken ct)
    {
        var article = await articles.GetArticleAsync(articleId, ct);
        if (article is null)
        {
            return new MatchOutcome(articleId, []);
        }

        var (compiled, _) = await watchlist.GetAsync(ct);
        var found = compiled.Match(new ArticleText(article.Title, article.Summary, article.Content));
        var now = time.GetUtcNow();
        var alerted = new HashSet<string>(StringComparer.Ordinal);
        var audience = found.Count > 0 ? (await subscribers.ListSubscribersAsync(ct)).Where(s => s.State == SubscriberState.Active).ToList() : [];
        foreach (var match in found)
        {
            await matches.AddMatchAsync(new TermMatchRecord { ArticleId = article.Id, TermId = match.TermId, MatchedAt = now, Highlights = match.Highlights }, ct);
            foreach (var subscriber in audience.Where(s => s.Follows(match.TermId)))
            {
                await matches.AddPendingAsync(subscriber.Id, article.Id, match.TermId, now, ct);
                if (subscriber.Cadence == Cadence.Immediate)
                {
                    alerted.Add(subscriber.Id);
                }
            }
        }

        foreach (var subscriberId in alerted)
        {
            await queue.EnqueueAsync(QueueNames.Alerts, subscriberId, ct);
        }

        await articles.MarkArticleMatchedAsync(article.Id, now, ct);
        return new MatchOutcome(article.Id, found.Select(m => m.TermId).ToList());
    }
}
