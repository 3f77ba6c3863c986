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
/// marked are not written again. A poll that matches its own articles uses the same two halves around its write
/// (<see cref="FindAsync"/>, <see cref="AlertAsync"/>).
/// </summary>
public sealed class MatchArticleHandler(
    IArticleStore articles,
    IMatchStore matches,
    IMessageQueue queue,
    MatchInputs inputs,
    TimeProvider time)
{
    public async Task<MatchOutcome> HandleAsync(string message, CancellationToken ct)
    {
        var ids = ArticleBatchMessage.Parse(message).Ids;
        var stored = ids.Count == 0 ? [] : await articles.GetArticlesAsync(ids, ct);
        if (stored.Count == 0)
        {
            return new MatchOutcome([]);
        }

        var found = await FindAsync(stored.Select(a => a.Article).ToList(), ct);
        var unmatched = stored.Where(a => !a.Matched).Select(a => a.Article.Id).ToHashSet(StringComparer.Ordinal);
        await matches.RecordMatchesAsync(found.Articles.Where(a => unmatched.Contains(a.ArticleId)).ToList(), found.At, ct);
        await AlertAsync(found, ct);
        return found.Outcome;
    }

    /// <summary>
    /// Evaluates the terms against the articles and works out each match's inbox rows, from memory, writing nothing:
    /// the match stage then writes them for the articles it read, a poll with the articles it stores (<see cref="NewArticleHandoff"/>).
    /// </summary>
    public async Task<MatchFindings> FindAsync(IReadOnlyList<Article> batch, CancellationToken ct)
    {
        var compiled = await inputs.GetWatchlistAsync(ct);
        var now = time.GetUtcNow();
        IReadOnlyList<Subscriber>? audience = null;
        var found = new List<ArticleMatches>(batch.Count);
        foreach (var article in batch)
        {
            var terms = compiled.Match(new ArticleText(article.Title, article.Summary, article.Content));
            if (terms.Count == 0)
            {
                found.Add(new ArticleMatches(article.Id, [], []));
                continue;
            }

            audience ??= await inputs.GetAudienceAsync(ct);
            var inbox = new List<InboxEntry>();
            foreach (var match in terms)
            {
                inbox.AddRange(audience.Where(s => s.Follows(match.TermId)).Select(s => new InboxEntry(s.Id, match.TermId)));
            }

            var rows = terms.Select(m => new TermMatchRecord { ArticleId = article.Id, TermId = m.TermId, MatchedAt = now, Highlights = m.Highlights }).ToList();
            found.Add(new ArticleMatches(article.Id, rows, inbox));
        }

        var immediate = (audience ?? []).Where(s => s.Cadence == Cadence.Immediate).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return new MatchFindings(found, immediate, now);
    }

    /// <summary>
    /// One alert message per immediate subscriber with something in the findings, queued after their rows are written,
    /// also for articles found already matched, so a crash between the two only means an alert queued again, which
    /// finds nothing new to send if it was sent.
    /// </summary>
    public async Task AlertAsync(MatchFindings found, CancellationToken ct)
    {
        foreach (var subscriberId in found.Alerted)
        {
            await queue.EnqueueAsync(QueueNames.Alerts, subscriberId, ct);
        }
    }
}

/// <summary>What matching found in a batch of articles, before anything is written: each article's match and inbox rows.</summary>
/// <param name="Immediate">The active subscribers who get an alert as soon as something matches for them.</param>
public sealed record MatchFindings(IReadOnlyList<ArticleMatches> Articles, IReadOnlySet<string> Immediate, DateTimeOffset At)
{
    public MatchOutcome Outcome => new(Articles.Select(a => new ArticleTerms(a.ArticleId, a.Matches.Select(m => m.TermId).ToList())).ToList());

    /// <summary>The immediate subscribers with an inbox row among these articles, each once.</summary>
    public IEnumerable<string> Alerted => Articles.SelectMany(a => a.Inbox).Select(e => e.SubscriberId).Where(Immediate.Contains).Distinct(StringComparer.Ordinal);

    /// <summary>The findings for the articles among <paramref name="ids"/> only (a poll's articles that were new).</summary>
    public MatchFindings Only(IReadOnlySet<string> ids) => this with { Articles = Articles.Where(a => ids.Contains(a.ArticleId)).ToList() };
}
