using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

/// <summary>What matching one message did: the articles found and the terms each matched.</summary>
public sealed record MatchOutcome(IReadOnlyList<ArticleTerms> Articles)
{
    public int Matches => Articles.Sum(a => a.TermIds.Count);
}

public sealed record ArticleTerms(string ArticleId, IReadOnlyList<string> TermIds);

/// <summary>
/// Stage 3: evaluate every enabled term against a batch of articles (<see cref="ArticleBatchMessage"/>, or one bare
/// id from before batches), store a match row per (article, term), put each match in the inbox of every subscriber
/// who follows the term, and alert immediate subscribers, once per batch each. The batch is read at once and its
/// rows written at once (<see cref="IMatchStore.RecordMatchesAsync"/>), the "matched" marks last; articles already
/// marked are not written again. Alerts are queued after the write, also for articles found already matched, so a
/// crash between the two only means an alert queued again, which finds nothing new to send if it was sent.
/// </summary>
public sealed class MatchArticleHandler(
    IArticleStore articles,
    ISubscriberStore subscribers,
    IMatchStore matches,
    IMessageQueue queue,
    WatchlistProvider watchlist,
    TimeProvider time)
{
    public async Task<MatchOutcome> HandleAsync(string message, CancellationToken ct)
    {
        var ids = ArticleBatchMessage.Parse(message).Ids;
        var stored = ids.Count == 0 ? [] : await articles.GetArticlesAsync(ids, ct);
        return await MatchAsync(stored, ct);
    }

    /// <summary>Matches articles a poll has just stored, from memory: none is matched yet (<see cref="NewArticleHandoff"/>).</summary>
    public Task<MatchOutcome> MatchNewAsync(IReadOnlyList<Article> stored, CancellationToken ct) =>
        MatchAsync(stored.Select(a => new StoredArticle(a, false)).ToList(), ct);

    private async Task<MatchOutcome> MatchAsync(IReadOnlyList<StoredArticle> stored, CancellationToken ct)
    {
        if (stored.Count == 0)
        {
            return new MatchOutcome([]);
        }

        var (compiled, _) = await watchlist.GetAsync(ct);
        var now = time.GetUtcNow();
        List<Subscriber>? audience = null;
        var alerted = new HashSet<string>(StringComparer.Ordinal);
        var toWrite = new List<ArticleMatches>(stored.Count);
        var outcome = new List<ArticleTerms>(stored.Count);
        foreach (var (article, matched) in stored)
        {
            var found = compiled.Match(new ArticleText(article.Title, article.Summary, article.Content));
            if (found.Count > 0)
            {
                audience ??= (await subscribers.ListSubscribersAsync(ct)).Where(s => s.State == SubscriberState.Active).ToList();
            }

            var inbox = new List<InboxEntry>();
            foreach (var match in found)
            {
                foreach (var subscriber in audience!.Where(s => s.Follows(match.TermId)))
                {
                    inbox.Add(new InboxEntry(subscriber.Id, match.TermId));
                    if (subscriber.Cadence == Cadence.Immediate)
                    {
                        alerted.Add(subscriber.Id);
                    }
                }
            }

            if (!matched)
            {
                var rows = found.Select(m => new TermMatchRecord { ArticleId = article.Id, TermId = m.TermId, MatchedAt = now, Highlights = m.Highlights }).ToList();
                toWrite.Add(new ArticleMatches(article.Id, rows, inbox));
            }

            outcome.Add(new ArticleTerms(article.Id, found.Select(m => m.TermId).ToList()));
        }

        await matches.RecordMatchesAsync(toWrite, now, ct);
        foreach (var subscriberId in alerted)
        {
            await queue.EnqueueAsync(QueueNames.Alerts, subscriberId, ct);
        }

        return new MatchOutcome(outcome);
    }
}
