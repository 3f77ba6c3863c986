using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

/// <summary>Turns a parsed item into an Article: plain text, UTC date, absolute link, canonical id.</summary>
public sealed class ArticleNormaliser
{
    /// <summary>
    /// Null when the item has nothing to show and key it by: no link, no GUID, no title, no text.
    /// An item with text but neither link nor GUID is kept, keyed by its feed and text, linked to the site when
    /// the site's link is an http(s) URL, else without a URL (never "javascript:…" or the feed's own XML).
    /// </summary>
    public Article? Normalise(ParsedItem item, FeedSource feed, string? feedTitle, Uri baseUri, DateTimeOffset fetchedAt)
    {
        var itemBase = item.BaseUri ?? baseUri;

        // A GUID is a link only when it is an absolute http(s) URL ("12345" is not relative to anything) not marked isPermaLink="false".
        var link = AbsoluteLink(item.Link, itemBase) ?? AbsoluteLink(item.IdIsLink ? item.Id : null, null);
        var summary = HtmlText.ToPlainText(item.Summary);
        var content = HtmlText.ToPlainText(item.Content);
        if (content == summary)
        {
            content = "";
        }

        var title = HtmlText.ToPlainText(item.Title);
        string id;
        if (link is not null)
        {
            id = ArticleIdentity.ForUrl(link);
        }
        else if (!string.IsNullOrWhiteSpace(item.Id))
        {
            id = ArticleIdentity.ForGuid(feed.Id, item.Id);
        }
        else if (title.Length > 0 || summary.Length > 0 || content.Length > 0)
        {
            id = ArticleIdentity.ForText(feed.Id, title, summary.Length > 0 ? summary : content);
        }
        else
        {
            return null;
        }

        return new Article
        {
            Id = id,
            FeedId = feed.Id,
            Url = link?.AbsoluteUri ?? WebLinks.OrNull(feed.SiteUrl) ?? "",
            Guid = item.Id,
            Title = title.Length > 0 ? title : DerivedText.Title(summary.Length > 0 ? summary : content),
            Summary = summary.Length > 0 ? summary : DerivedText.Summary(content),
            Content = content,
            Author = string.IsNullOrWhiteSpace(item.Author) ? null : HtmlText.ToPlainText(item.Author),
            Published = PublishedUtc(item),
            FetchedAt = fetchedAt,
            Source = feedTitle ?? feed.Title,
        };
    }

    /// <summary>The link made absolute against <paramref name="baseUri"/> (absolute links only when it is null), if http(s).</summary>
    private static Uri? AbsoluteLink(string? link, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        var resolved = baseUri is null ? Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) : Uri.TryCreate(baseUri, link.Trim(), out uri);
        return resolved && (uri!.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
    }

    private static DateTimeOffset? PublishedUtc(ParsedItem item)
    {
        if (FeedDates.Parse(item.PublishedText) is { } parsed)
        {
            return parsed;
        }

        return item.Published is { } date
            ? new DateTimeOffset(DateTime.SpecifyKind(date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : date, DateTimeKind.Utc))
            : null;
    }
}
