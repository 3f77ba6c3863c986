using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>What is waiting for a subscriber: the inbox rows, and the articles they point at as digest items.</summary>
public sealed record PendingDigest(IReadOnlyList<DigestItem> Items, IReadOnlyList<PendingItem> Pending, IReadOnlyList<WatchTerm> Watchlist)
{
    /// <summary>
    /// The key of an immediate alert: its oldest inbox row. Two runs that read the inbox at different moments
    /// agree on it as long as that row is undelivered, so they cannot both send it, and an alert whose send
    /// failed is retried under the same key even if more matches arrived meanwhile; once the row is delivered
    /// the next alert starts from a newer row and gets a new key.
    /// </summary>
    public string ImmediatePeriod()
    {
        var first = Pending[0];
        var text = string.Create(CultureInfo.InvariantCulture, $"{first.AddedAt.UtcTicks}|{first.ArticleId}|{first.TermId}");
        return "i-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }
}

/// <summary>Reads a subscriber's undelivered matches (terms they still follow) into digest items, one per article.</summary>
public sealed class DigestInbox(IMatchStore matches, IArticleStore articles, ITermStore terms)
{
    /// <summary>
    /// The most inbox rows one digest takes (the oldest first); the rest wait for the next digest. It bounds what
    /// a claim records (a table entity holds at most 1 MiB) and a digest shows 50 stories anyway.
    /// </summary>
    public const int MaxRowsPerDigest = 2_000;

    public async Task<PendingDigest> ReadAsync(Subscriber subscriber, CancellationToken ct)
    {
        var watchlist = await terms.ListTermsAsync(ct);
        var pending = (await FollowedPendingAsync(subscriber, watchlist, ct))
            .OrderBy(p => p.AddedAt)
            .ThenBy(p => p.ArticleId, StringComparer.Ordinal)
            .ThenBy(p => p.TermId, StringComparer.Ordinal)
            .Take(MaxRowsPerDigest)
            .ToList();
        return await BuildAsync(pending, watchlist, ct);
    }

    /// <summary>
    /// How many articles wait for the subscriber's next digest, without reading them: a report of why nothing was sent
    /// says whether anything is waiting. Articles of stories already sent are counted until a digest leaves them out.
    /// </summary>
    public async Task<int> CountWaitingAsync(Subscriber subscriber, CancellationToken ct) =>
        (await FollowedPendingAsync(subscriber, await terms.ListTermsAsync(ct), ct)).Select(p => p.ArticleId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Exactly the rows a digest was claimed with, whatever arrived or changed since: a resend is the same digest.</summary>
    public async Task<PendingDigest> ReadClaimedAsync(IReadOnlyList<PendingItem> claimed, CancellationToken ct) =>
        await BuildAsync(claimed, await terms.ListTermsAsync(ct), ct);

    /// <summary>The undelivered rows of terms that exist and the subscriber still follows.</summary>
    private async Task<IEnumerable<PendingItem>> FollowedPendingAsync(Subscriber subscriber, IReadOnlyList<WatchTerm> watchlist, CancellationToken ct)
    {
        var termIds = watchlist.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        return (await matches.ListPendingAsync(subscriber.Id, ct)).Where(p => termIds.Contains(p.TermId) && subscriber.Follows(p.TermId));
    }

    /// <summary>
    /// The articles and their match rows are read for the whole digest at once, not article by article: an immediate
    /// alert after a first poll of many feeds holds over a thousand articles, and two reads each made it the slowest
    /// step of the cycle.
    /// </summary>
    private async Task<PendingDigest> BuildAsync(IReadOnlyList<PendingItem> pending, IReadOnlyList<WatchTerm> watchlist, CancellationToken ct)
    {
        var groups = pending.GroupBy(p => p.ArticleId, StringComparer.Ordinal).ToList();
        var ids = groups.Select(g => g.Key).ToList();
        var stored = await articles.GetArticlesAsync(ids, ct);
        var byId = stored.ToDictionary(a => a.Article.Id, a => a.Article, StringComparer.Ordinal);
        var matchRows = await matches.ListMatchesForArticlesAsync(ids, ct);
        var rowsById = matchRows.ToLookup(m => m.ArticleId, StringComparer.Ordinal);
        var items = new List<DigestItem>();
        foreach (var group in groups)
        {
            if (!byId.TryGetValue(group.Key, out var article))
            {
                continue;
            }

            var termIds = group.Select(p => p.TermId).ToHashSet(StringComparer.Ordinal);
            var highlights = rowsById[article.Id].Where(m => termIds.Contains(m.TermId)).SelectMany(m => m.Highlights).Distinct().ToList();
            items.Add(new DigestItem(article, watchlist.Where(t => termIds.Contains(t.Id)).ToList(), highlights));
        }

        return new PendingDigest(items, pending, watchlist);
    }
}
