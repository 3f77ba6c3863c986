using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// One story in a digest: an article with every term of the subscriber's it matched and where, and the other
/// outlets' articles of the same story (same story key), shown as "also reported by".
/// </summary>
public sealed record DigestItem(Article Article, IReadOnlyList<WatchTerm> Terms, IReadOnlyList<HighlightSpan> Highlights)
{
    public IReadOnlyList<Article> AlsoReportedBy { get; init; } = [];

    /// <summary>A story is as new as its latest report.</summary>
    public DateTimeOffset SortTime => AlsoReportedBy.Aggregate(TimeOf(Article), (latest, other) => TimeOf(other) > latest ? TimeOf(other) : latest);

    public static DateTimeOffset TimeOf(Article article) => article.Published ?? article.FetchedAt;
}

/// <summary>Stories under the first of their terms in watchlist order; each story appears once.</summary>
public sealed record DigestSection(WatchTerm Term, IReadOnlyList<DigestItem> Items);

/// <summary>
/// What one message carries: <paramref name="TotalArticles"/> stories in all, of which <paramref name="Omitted"/>
/// beyond the cap are only counted ("N more").
/// </summary>
public sealed record Digest(Subscriber Subscriber, string Subject, IReadOnlyList<DigestSection> Sections, int TotalArticles, int Omitted)
{
    /// <summary>When the digest was composed (its key claimed); shown as the date in the subscriber's zone.</summary>
    public DateTimeOffset? Date { get; init; }
}
