using Microsoft.Extensions.Logging;
using NewsMonitor.Feeds;
using NewsMonitor.Feeds.Stories;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

public enum PollStatus
{
    NewItems,
    NothingNew,
    NotModified,
    Failed,
    UnknownFeed,
}

public sealed record PollOutcome(string FeedId, string Url, PollStatus Status, int ItemsRead, int NewArticles, string? Error)
{
    /// <summary>What matching the new articles did when they were matched in the poll (<see cref="NewArticleHandoff"/>); null when queued.</summary>
    public MatchOutcome? Matched { get; init; }
}

/// <summary>
/// Stage 2: fetch, parse, normalise, dedupe and store one feed, its new articles handed to matching together (<see cref="NewArticleHandoff"/>).
/// Each new article gets its story key (<see cref="StoryIndex"/>). A broken feed is recorded as unhealthy
/// with a readable reason and its next attempt backed off; it never throws for feed problems.
/// </summary>
public sealed class PollFeedHandler(
    IFeedStore feeds,
    NewArticleHandoff handoff,
    FeedFetcher fetcher,
    FeedParser parser,
    SiteFeedResolver siteFeeds,
    ArticleNormaliser normaliser,
    PollSchedule schedule,
    StoryIndex stories,
    TimeProvider time,
    ILogger<PollFeedHandler> logger)
{
    public async Task<PollOutcome> HandleAsync(string feedId, CancellationToken ct, ICycleProgress? progress = null)
    {
        var feed = await feeds.GetFeedAsync(feedId, ct);
        if (feed is null)
        {
            return new PollOutcome(feedId, "", PollStatus.UnknownFeed, 0, 0, "no such feed");
        }

        progress?.FeedStarted(feed.Id, feed.Url);

        var fetched = await fetcher.FetchAsync(feed, ct);
        var now = time.GetUtcNow();
        switch (fetched.Status)
        {
            case FetchStatus.NotModified:
                await SaveSuccessAsync(feed, now, fetched, null, ct);
                return new PollOutcome(feed.Id, feed.Url, PollStatus.NotModified, 0, 0, null);
            case FetchStatus.Failed:
                return await SaveFailureAsync(feed, now, fetched.Error ?? "failed", fetched.RetryAfter, ct);
        }

        ParsedFeed parsed;
        try
        {
            parsed = parser.Parse(fetched.Body, fetched.ContentType, fetched.DocumentUri ?? new Uri(feed.Url));
        }
        catch (FeedParseException e)
        {
            // A web page: the feed it leads to replaces the site's address, and its items are this poll's.
            var site = await siteFeeds.ResolveAsync(feed, fetched, e, ct);
            if (site.Parsed is null)
            {
                return site.Error is null
                    ? new PollOutcome(feed.Id, site.Feed.Url, PollStatus.NothingNew, 0, 0, null)
                    : await SaveFailureAsync(feed, now, site.Error, null, ct);
            }

            (feed, fetched, parsed) = (site.Feed, site.Fetched!, site.Parsed);
        }

        var baseUri = fetched.DocumentUri ?? new Uri(feed.Url);
        await stories.RefreshAsync(ct);
        var candidates = new List<Article>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in parsed.Items)
        {
            // Known ids (stored recently) cost nothing more: a feed mostly repeats what it said last time.
            var article = normaliser.Normalise(item, feed, parsed.Title, baseUri, now);
            if (article is not null && seen.Add(article.Id) && !stories.Knows(article.Id))
            {
                candidates.Add(article);
            }
        }

        var keys = stories.AssignAll(candidates);
        for (var i = 0; i < candidates.Count; i++)
        {
            candidates[i] = candidates[i] with { StoryKey = keys[i] };
        }

        // The feed's new articles go to matching together: one message (more only past a queue message's size), or matched here.
        StoredArticles stored;
        try
        {
            stored = await handoff.StoreAsync(candidates, ct);
        }
        catch
        {
            // Perhaps not stored: the index must not remember them as known, or the retry would skip them.
            candidates.ForEach(a => stories.Forget(a.Id));
            throw;
        }

        foreach (var article in candidates.Where(a => !stored.Ids.Contains(a.Id)))
        {
            stories.Forget(article.Id);
        }

        var added = stored.Ids.Count;
        await SaveSuccessAsync(feed, now, fetched, parsed, ct);
        logger.LogInformation("Polled {Url}: {Items} items, {New} new", UrlRedaction.Redact(feed.Url), parsed.Items.Count, added);
        return new PollOutcome(feed.Id, feed.Url, added > 0 ? PollStatus.NewItems : PollStatus.NothingNew, parsed.Items.Count, added, null) { Matched = stored.Matched };
    }

    /// <summary>A 304 keeps the validators and the feed-level hints of the last full fetch; a 200 replaces them.</summary>
    private Task SaveSuccessAsync(FeedSource feed, DateTimeOffset now, FetchResult fetched, ParsedFeed? parsed, CancellationToken ct)
    {
        var timeToLive = parsed is null ? feed.TimeToLive : parsed.TimeToLive;
        return feeds.UpsertFeedAsync(
            feed with
            {
                Title = string.IsNullOrWhiteSpace(feed.Title) ? parsed?.Title : feed.Title,
                SiteUrl = feed.SiteUrl ?? WebLinks.OrNull(parsed?.SiteUrl),
                ETag = parsed is null ? feed.ETag : fetched.ETag,
                LastModified = parsed is null ? feed.LastModified : fetched.LastModified,
                TimeToLive = timeToLive,
                Health = new FeedHealth
                {
                    LastAttemptAt = now,
                    LastSuccessAt = now,
                    NextCheckAt = schedule.AfterSuccess(feed, now, fetched.FreshFor, timeToLive),
                    Note = feed.Health.Note,
                },
            },
            ct);
    }

    private async Task<PollOutcome> SaveFailureAsync(FeedSource feed, DateTimeOffset now, string error, TimeSpan? retryAfter, CancellationToken ct)
    {
        var failures = feed.Health.ConsecutiveFailures + 1;
        await feeds.UpsertFeedAsync(
            feed with
            {
                Health = feed.Health with
                {
                    LastAttemptAt = now,
                    LastError = error,
                    ConsecutiveFailures = failures,
                    NextCheckAt = schedule.AfterFailure(failures, now, retryAfter),
                },
            },
            ct);
        logger.LogWarning("Feed {Url} failed ({Failures} in a row): {Error}", UrlRedaction.Redact(feed.Url), failures, UrlRedaction.RedactText(error));
        return new PollOutcome(feed.Id, feed.Url, PollStatus.Failed, 0, 0, error);
    }
}
