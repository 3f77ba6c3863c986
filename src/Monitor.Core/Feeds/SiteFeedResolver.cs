using System.Globalization;
using Microsoft.Extensions.Logging;
using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

/// <summary>
/// What a poll does with a stored feed whose address gave a document that is not a feed: when it is a web page, the
/// feed that page leads to (<see cref="FeedDiscovery.FromPageAsync"/>) takes the site's place.
/// </summary>
public sealed record SiteFeedOutcome
{
    /// <summary>The feed as it is now: with the discovered URL and a note, disabled as a duplicate, or unchanged.</summary>
    public required FeedSource Feed { get; init; }

    /// <summary>The discovered feed's response and items, to be stored by this same poll; null when none was found.</summary>
    public FetchResult? Fetched { get; init; }

    public ParsedFeed? Parsed { get; init; }

    /// <summary>The feed's error when no feed was found; null when one was (or when the feed was disabled as a duplicate).</summary>
    public string? Error { get; init; }
}

/// <summary>
/// A site URL becomes its feed at its first poll. Addresses reach the store by many roads that do not fetch (OPML import,
/// a seed file, the Tables/Functions path), so a site's address stored as a feed would otherwise fail at every poll.
/// The feed keeps its id (ids are stable: matches and digests refer to them), its title and folder; its URL becomes the
/// feed found, and its health says so in a note. When the feed found is already stored as another feed, this one is
/// disabled with a note naming the other, rather than merged: nothing of either is lost or rewritten, the other one goes
/// on polling (and storing the same articles, which are keyed by their own URLs), and a person can delete this one.
/// </summary>
public sealed class SiteFeedResolver(FeedDiscovery discovery, IFeedStore feeds, TimeProvider time, ILogger<SiteFeedResolver> logger)
{
    /// <param name="feed">The feed as stored.</param>
    /// <param name="page">The response that did not parse as a feed.</param>
    /// <param name="error">Why it did not parse: a web page is worth looking into; anything else is the feed's error as is.</param>
    public async Task<SiteFeedOutcome> ResolveAsync(FeedSource feed, FetchResult page, FeedParseException error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(error);
        if (!FeedDiscovery.IsHtml(error, page))
        {
            return new SiteFeedOutcome { Feed = feed, Error = error.Message };
        }

        DiscoveredFeed found;
        try
        {
            found = await discovery.FromPageAsync(page.FinalUri ?? new Uri(feed.Url), page, ct).ConfigureAwait(false);
        }
        catch (FeedDiscoveryException e)
        {
            return new SiteFeedOutcome { Feed = feed, Error = e.Reason };
        }

        var now = time.GetUtcNow();
        var how = $"site URL {feed.Url} → feed {found.Url} found by discovery on {now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        if (await StoredFeedAddress.FindAsync(feeds, found.Url, feed.Id, ct).ConfigureAwait(false) is { } other)
        {
            var disabled = feed with
            {
                Enabled = false,
                Health = feed.Health with
                {
                    LastAttemptAt = now,
                    LastError = null,
                    ConsecutiveFailures = 0,
                    Note = $"{how}; disabled: that feed is already stored as {other.Title ?? other.Url} (id {other.Id})",
                },
            };
            await feeds.UpsertFeedAsync(disabled, ct).ConfigureAwait(false);
            logger.LogWarning(
                "Feed {Id}: {Site} leads to {Feed}, already stored as feed {Other}; disabled", feed.Id, UrlRedaction.Redact(feed.Url), UrlRedaction.Redact(found.Url), other.Id);
            return new SiteFeedOutcome { Feed = disabled };
        }

        logger.LogInformation("Feed {Id}: site URL {Site} replaced by the feed {Feed} found by discovery", feed.Id, UrlRedaction.Redact(feed.Url), UrlRedaction.Redact(found.Url));
        return new SiteFeedOutcome
        {
            Feed = feed with { Url = found.Url, Health = feed.Health with { Note = how } },
            Fetched = found.Fetched,
            Parsed = found.Parsed,
        };
    }
}
