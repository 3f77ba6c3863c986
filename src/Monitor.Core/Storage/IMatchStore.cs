namespace NewsMonitor.Storage;

/// <summary>Match rows and each subscriber's inbox of matches not yet delivered.</summary>
public interface IMatchStore
{
    /// <summary>Idempotent on (article id, term id): a redelivered article does not add a second row.</summary>
    Task AddMatchAsync(TermMatchRecord match, CancellationToken ct = default);

    /// <summary>The match rows of these articles (unknown ids have none), by article id, then term id (ordinal).</summary>
    Task<IReadOnlyList<TermMatchRecord>> ListMatchesForArticlesAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct = default);

    Task<IReadOnlyList<TermMatchRecord>> ListMatchesForArticleAsync(string articleId, CancellationToken ct = default) =>
        ListMatchesForArticlesAsync([articleId], ct);

    /// <summary>Idempotent on (subscriber, article, term).</summary>
    Task AddPendingAsync(string subscriberId, string articleId, string termId, DateTimeOffset at, CancellationToken ct = default);
    /// <summary>
    /// Stores what the match stage found for a batch of articles: the match rows, the inbox rows, and last each
    /// article's "matched" mark, which is set only once. Idempotent per (article, term) and per (subscriber, article,
    /// term) like the single writes, so a batch written again, or after a write that failed part-way, adds nothing twice.
    /// </summary>
    Task RecordMatchesAsync(IReadOnlyList<ArticleMatches> batch, DateTimeOffset at, CancellationToken ct = default);

    Task<IReadOnlyList<PendingItem>> ListPendingAsync(string subscriberId, CancellationToken ct = default);

    /// <summary>Marks the items delivered by the digest <paramref name="digestKey"/>; they leave the inbox.</summary>
    Task MarkDeliveredAsync(string subscriberId, IReadOnlyCollection<PendingItem> items, string digestKey, CancellationToken ct = default);
}

public sealed record PendingItem(string SubscriberId, string ArticleId, string TermId, DateTimeOffset AddedAt);

/// <summary>One article's outcome in a batch: its match rows, and the inbox row of each subscriber who follows a matched term.</summary>
public sealed record ArticleMatches(string ArticleId, IReadOnlyList<TermMatchRecord> Matches, IReadOnlyList<InboxEntry> Inbox);

public readonly record struct InboxEntry(string SubscriberId, string TermId);
