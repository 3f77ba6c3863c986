using Microsoft.Extensions.Options;
using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>The digest a subscriber would get next, rendered as it would be sent.</summary>
public sealed record DigestPreview(string SubscriberId, string Subject, int Articles, string Html, string Text);

/// <summary>
/// Composes a subscriber's next digest from their undelivered matches without claiming, sending or marking
/// anything: looking never changes what is sent.
/// </summary>
public sealed class DigestPreviewer(
    ISubscriberStore subscribers,
    IMatchStore matches,
    IArticleStore articles,
    ITermStore terms,
    UnsubscribeTokens tokens,
    IOptions<DigestOptions> options)
{
    public async Task<DigestPreview> PreviewAsync(string subscriberId, CancellationToken ct)
    {
        var subscriber = await subscribers.GetSubscriberAsync(subscriberId, ct)
            ?? throw new ApiProblemException(ApiProblem.NotFound("subscriber", subscriberId));
        var watchlist = await terms.ListTermsAsync(ct);
        var items = await GatherAsync(subscriber, watchlist, ct);
        var digest = DigestBuilder.Build(subscriber, items, watchlist, options.Value.MaxArticles);
        if (items.Count == 0)
        {
            digest = digest with { Subject = "Nothing new since the last digest" };
        }

        var unsubscribe = UnsubscribeFlow.LinkFor(options.Value.PublicBaseUrl, tokens.Create(subscriber.Id));
        return new DigestPreview(subscriber.Id, digest.Subject, items.Count, DigestHtmlRenderer.Render(digest, unsubscribe), DigestTextRenderer.Render(digest, unsubscribe));
    }

    private async Task<List<DigestItem>> GatherAsync(Subscriber subscriber, IReadOnlyList<WatchTerm> watchlist, CancellationToken ct)
    {
        var followed = watchlist.Where(t => subscriber.Follows(t.Id)).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var items = new List<DigestItem>();
        var pending = (await matches.ListPendingAsync(subscriber.Id, ct)).Where(p => followed.ContainsKey(p.TermId));
        foreach (var byArticle in pending.GroupBy(p => p.ArticleId))
        {
            if (await articles.GetArticleAsync(byArticle.Key, ct) is not { } article)
            {
                continue;
            }

            var termIds = byArticle.Select(p => p.TermId).ToHashSet(StringComparer.Ordinal);
            var highlights = (await matches.ListMatchesForArticleAsync(article.Id, ct))
                .Where(m => termIds.Contains(m.TermId))
                .SelectMany(m => m.Highlights)
                .Distinct()
                .ToList();
            items.Add(new DigestItem(article, [.. watchlist.Where(t => termIds.Contains(t.Id))], highlights));
        }

        return items;
    }
}
