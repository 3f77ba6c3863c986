using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>One article in a digest, with every term of the subscriber's it matched and where.</summary>
public sealed record DigestItem(Article Article, IReadOnlyList<WatchTerm> Terms, IReadOnlyList<HighlightSpan> Highlights)
{
    public DateTimeOffset SortTime => Article.Published ?? Article.FetchedAt;
}

/// <summary>Articles under the first of their terms in watchlist order; each article appears once.</summary>
public sealed record DigestSection(WatchTerm Term, IReadOnlyList<DigestItem> Items);

public sealed record Digest(Subscriber Subscriber, string Subject, IReadOnlyList<DigestSection> Sections, int TotalArticles, int Omitted);
