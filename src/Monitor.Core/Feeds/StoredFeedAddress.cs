using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

/// <summary>
/// Finds the stored feed an address belongs to. A feed is known by two addresses: the one it was added under (its
/// id) and, once a poll has replaced a site's address by the feed found there (<see cref="SiteFeedResolver"/>), its URL.
/// </summary>
public static class StoredFeedAddress
{
    /// <param name="exceptId">A feed not to count (the one asking), or null.</param>
    public static async Task<FeedSource?> FindAsync(IFeedStore feeds, string url, string? exceptId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(feeds);
        var id = ArticleIdentity.ForFeed(url);
        return (await feeds.ListFeedsAsync(ct).ConfigureAwait(false))
            .FirstOrDefault(f => f.Id != exceptId && (f.Id == id || ArticleIdentity.ForFeed(f.Url) == id));
    }
}
