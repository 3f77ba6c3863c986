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

    /// <summary>Articles stored but not yet matched: what a crash between poll and match left behind.</summary>
    Task<IReadOnlyList<string>> ListUnmatchedArticleIdsAsync(int limit, CancellationToken ct = default);
    Task MarkArticleMatchedAsync(string id, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>The most recently fetched articles, newest first.</summary>
    Task<IReadOnlyList<Article>> ListRecentArticlesAsync(int count, CancellationToken ct = default);
}

/// <summary>An article as the match stage reads it: matched already means its matches and inbox rows are stored.</summary>
public sealed record StoredArticle(Article Article, bool Matched);
