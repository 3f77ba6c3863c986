using NewsMonitor.Feeds;
using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

/// <summary>Merges files (OPML feeds, watchlist, subscribers) into the store: new entries added, existing ones updated.</summary>
public sealed class StoreImporter(IFeedStore feeds, ITermStore terms, ISubscriberStore subscribers)
{
    /// <summary>
    /// Adds unknown feeds; a known feed keeps its polling state and gets the file's title and folder (a feed at the
    /// file's top level is taken out of its folder: the file says where each feed is filed).
    /// </summary>
    public async Task<int> ImportFeedsAsync(IEnumerable<OpmlFeed> entries, CancellationToken ct)
    {
        var added = 0;
        foreach (var entry in entries)
        {
            var id = ArticleIdentity.ForFeed(entry.XmlUrl);
            var existing = await feeds.GetFeedAsync(id, ct);
            if (existing is null)
            {
                added++;
            }

            await feeds.UpsertFeedAsync((existing ?? new FeedSource { Id = id, Url = entry.XmlUrl }) with { Title = entry.Title ?? existing?.Title, SiteUrl = entry.HtmlUrl ?? existing?.SiteUrl, Folder = entry.Folder }, ct);
        }

        return added;
    }

    /// <summary>All or nothing: the merged watchlist is compiled first, so one invalid query changes nothing.</summary>
    public async Task<int> ImportTermsAsync(IReadOnlyList<WatchTerm> entries, CancellationToken ct)
    {
        var merged = (await terms.ListTermsAsync(ct)).ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var term in entries)
        {
            merged[term.Id] = term;
        }

        _ = CompiledWatchlist.Compile(merged.Values);
        foreach (var term in entries)
        {
            await terms.UpsertTermAsync(term, ct);
        }

        return entries.Count;
    }

    public async Task<int> ImportSubscribersAsync(IReadOnlyList<Subscriber> entries, CancellationToken ct)
    {
        foreach (var subscriber in entries)
        {
            // Someone who unsubscribed stays unsubscribed when the same file is merged again.
            var existing = await subscribers.GetSubscriberAsync(subscriber.Id, ct);
            await subscribers.UpsertSubscriberAsync(existing is { State: SubscriberState.Unsubscribed } ? subscriber with { State = SubscriberState.Unsubscribed } : subscriber, ct);
        }

        return entries.Count;
    }
}
