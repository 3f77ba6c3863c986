namespace NewsMonitor.Storage;

public interface IArticleStore
{
    /// <summary>Stores the article unless one with the same id exists; true when it was new.</summary>
    Task<bool> TryAddArticleAsync(Article article, CancellationToken ct = default);
    Task<Article?> GetArticleAsync(string id, CancellationToken ct = default);

    /// <summary>
    /// The stored articles among <paramref name="ids"/>, each with whether it is matched already, in one read where
    /// the store can (the match stage reads a whole batch at once). Ids not stored are left out.
    /// </summary>
    Task<IReadOnlyList<StoredArticle>> GetArticlesAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default);

    /// <summary>
    /// Stores the articles whose id is new, in one batch where the store can (a poll stores a whole feed at once);
    /// returns the ids that were new. The default stores them one by one.
    /// </summary>
    async Task<IReadOnlySet<string>> TryAddArticlesAsync(IReadOnlyList<Article> articles, CancellationToken ct = default)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            if (await TryAddArticleAsync(article, ct).ConfigureAwait(false))
            {
                added.Add(article.Id);
            }
        }

        return added;
    }

    /// <summary>
    /// Stores the articles whose id is new together with what matching found in them (their match rows and inbox rows),
    /// so that they are matched as soon as they are stored and never listed unmatched; returns the ids that were new.
    /// The rows of an article that was stored already are not written: it has been, or will be, matched on its own.
    /// One transaction where the store can (SQLite: the poll's own commit); otherwise the articles first, then their
    /// rows as <see cref="IMatchStore.RecordMatchesAsync"/> writes them, so that a failure in between leaves them
    /// stored and unmatched, for the match stage to finish. Idempotent like both.
    /// </summary>
    Task<IReadOnlySet<string>> TryAddMatchedArticlesAsync(IReadOnlyList<MatchedArticle> articles, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Articles stored but not yet matched: what a crash between poll and match left behind.</summary>
    Task<IReadOnlyList<string>> ListUnmatchedArticleIdsAsync(int limit, CancellationToken ct = default);
    Task MarkArticleMatchedAsync(string id, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>The most recently fetched articles, newest first.</summary>
    Task<IReadOnlyList<Article>> ListRecentArticlesAsync(int count, CancellationToken ct = default);
}

/// <summary>A new article and what matching found in it, to be stored together (<see cref="IArticleStore.TryAddMatchedArticlesAsync"/>).</summary>
public sealed record MatchedArticle
{
    public MatchedArticle(Article article, ArticleMatches found)
    {
        if (!string.Equals(article.Id, found.ArticleId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The matches of article '{found.ArticleId}' were given with article '{article.Id}'.", nameof(found));
        }

        (Article, Found) = (article, found);
    }

    public Article Article { get; }

    public ArticleMatches Found { get; }
}

/// <summary>An article as the match stage reads it: matched already means its matches and inbox rows are stored.</summary>
public sealed record StoredArticle(Article Article, bool Matched);
