using NewsMonitor.Feeds;
using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

/// <summary>What an import changed.</summary>
public sealed record ImportSummary(int Added, int Updated, int Removed);

/// <summary>
/// Merges files (OPML feeds, watchlist, subscribers) into the store: new entries added, existing ones updated. Each
/// file is applied by one store save (one transaction on SQLite), so an import is applied whole or not at all. The
/// caller has read the whole file first; from then on nothing cancels the import (these methods take no token), so a
/// client that goes away once its body is sent does not leave half of it applied.
/// </summary>
public sealed class StoreImporter(IFeedStore feeds, ITermStore terms, ISubscriberStore subscribers)
{
    /// <summary>
    /// Adds unknown feeds; a known feed keeps its polling state and gets the file's title and folder (a feed at the
    /// file's top level is taken out of its folder: the file says where each feed is filed). With
    /// <paramref name="replace"/>, feeds absent from the file are removed.
    /// </summary>
    public async Task<ImportSummary> ImportFeedsAsync(IReadOnlyList<OpmlFeed> entries, bool replace)
    {
        var stored = await feeds.ListFeedsAsync();
        var known = stored.ToDictionary(f => f.Id, StringComparer.Ordinal);

        // A feed whose site address a poll replaced by its feed's (SiteFeedResolver) is known by either address.
        var byUrl = stored.GroupBy(f => ArticleIdentity.ForFeed(f.Url)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var merged = new Dictionary<string, FeedSource>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var given = ArticleIdentity.ForFeed(entry.XmlUrl);
            var existing = known.GetValueOrDefault(given) ?? byUrl.GetValueOrDefault(given);
            var id = existing?.Id ?? given;
            merged[id] = (existing ?? new FeedSource { Id = id, Url = entry.XmlUrl }) with
            {
                Title = entry.Title ?? existing?.Title,
                SiteUrl = WebLinks.OrNull(entry.HtmlUrl) ?? existing?.SiteUrl,
                Folder = entry.Folder,
            };
        }

        var removed = replace ? known.Keys.Where(id => !merged.ContainsKey(id)).ToList() : [];
        await feeds.SaveFeedsAsync([.. merged.Values], removed);
        var added = merged.Keys.Count(id => !known.ContainsKey(id));
        return new ImportSummary(added, merged.Count - added, removed.Count);
    }

    /// <summary>
    /// Every query is compiled first, so one invalid query changes nothing. With <paramref name="replace"/>,
    /// terms absent from the file are removed.
    /// </summary>
    public async Task<ImportSummary> ImportTermsAsync(IReadOnlyList<WatchTerm> entries, bool replace)
    {
        CheckTerms(entries);
        var known = (await terms.ListTermsAsync()).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var incoming = entries.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var removed = replace ? known.Keys.Where(id => !incoming.Contains(id)).ToList() : [];
        await terms.SaveTermsAsync(entries, removed);
        var added = incoming.Count(id => !known.ContainsKey(id));
        return new ImportSummary(added, incoming.Count - added, removed.Count);
    }

    /// <summary>Compiles every query, disabled terms' too (enabling one later must not meet a broken query).</summary>
    /// <exception cref="InvalidTermException">A query does not parse.</exception>
    public static void CheckTerms(IEnumerable<WatchTerm> entries) => _ = CompiledWatchlist.Compile(entries.Select(t => t with { Enabled = true }));

    /// <summary>
    /// Merges subscribers; with <paramref name="replace"/>, subscribers absent from the file are removed afterwards
    /// (the store has no one-write replace for subscribers: a crash between the two leaves extra subscribers, never
    /// missing ones, and the same command completes it).
    /// </summary>
    public async Task<ImportSummary> ImportSubscribersAsync(IReadOnlyList<Subscriber> entries, bool replace = false)
    {
        var known = (await subscribers.ListSubscribersAsync()).ToDictionary(s => s.Id, StringComparer.Ordinal);

        // Someone who unsubscribed stays unsubscribed when the same file is merged again.
        var merged = entries
            .Select(s => known.GetValueOrDefault(s.Id) is { State: SubscriberState.Unsubscribed } ? s with { State = SubscriberState.Unsubscribed } : s)
            .ToList();
        await subscribers.SaveSubscribersAsync(merged);
        var incoming = entries.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var removed = replace ? known.Keys.Where(id => !incoming.Contains(id)).ToList() : [];
        foreach (var id in removed)
        {
            await subscribers.DeleteSubscriberAsync(id);
        }

        var added = entries.Count(s => !known.ContainsKey(s.Id));
        return new ImportSummary(added, entries.Count - added, removed.Count);
    }
}
