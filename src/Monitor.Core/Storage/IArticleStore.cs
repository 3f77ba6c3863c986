namespace NewsMonitor.Storage;

public interface IArticleStore
{
    /// <summary>Stores the article unless one with the same id exists; true when it was new.</summary>
    Task<bool> TryAddArticleAsync(Article article, CancellationToken ct = default);
    Task<Article?> GetArticleAsync(string id, CancellationToken ct = default);

    /// <summary>Articles stored but not yet matched: what a crash between poll and match left behind.</summary>
    Task<IReadOnlyList<string>> ListUnmatchedArticleIdsAsync(int limit, CancellationToken ct = default);
    Task MarkArticleMatchedAsync(string id, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>The most recently fetched articles, newest first.</summary>
    Task<IReadOnlyList<Article>> ListRecentArticlesAsync(int count, CancellationToken ct = default);
}
