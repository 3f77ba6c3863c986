namespace NewsMonitor.Storage;

/// <summary>
/// A subscriber's "not relevant" on an article listed under a term: what the watchlist editor sees in the term tester.
/// The article's url and title are kept with it, so the report still reads when the article is gone.
/// </summary>
public sealed record ArticleFeedback(string SubscriberId, string TermId, string ArticleId, string Url, string Title, DateTimeOffset At);

public interface IFeedbackStore
{
    /// <summary>Records the report unless this subscriber already reported this article for this term: false then, and nothing changed.</summary>
    Task<bool> TryAddFeedbackAsync(ArticleFeedback feedback, CancellationToken ct = default);

    /// <summary>The reports on a term, oldest first.</summary>
    Task<IReadOnlyList<ArticleFeedback>> ListFeedbackForTermAsync(string termId, CancellationToken ct = default);
}
