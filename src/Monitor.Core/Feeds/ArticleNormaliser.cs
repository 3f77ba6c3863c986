using System.Globalization;
using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

/// <summary>Turns a parsed item into an Article: plain text, UTC date, absolute link, canonical id.</summary>
public sealed class ArticleNormaliser
{
    /// <summary>Null when the item has neither a usable link nor a GUID: there is nothing to key it by.</summary>
    public Article? Normalise(ParsedItem item, FeedSource feed, string? feedTitle, Uri baseUri, DateTimeOffset fetchedAt)
    {
        var link = AbsoluteLink(item.Link, baseUri) ?? AbsoluteLink(item.Id, baseUri);
        string id;
        if (link is not null)
        {
            id = ArticleIdentity.ForUrl(link);
        }
        else if (!string.IsNullOrWhiteSpace(item.Id))
        {
            id = ArticleIdentity.ForGuid(item.Id);
        }
        else
        {
            return null;
        }

        var summary = HtmlText.ToPlainText(item.Summary);
        var content = HtmlText.ToPlainText(item.Content);
        if (content == summary)
        {
            content = "";
        }

        var title = HtmlText.ToPlainText(item.Title);
        return new Article
        {
            Id = id,
            FeedId = feed.Id,
            Url = link?.AbsoluteUri ?? feed.Url,
            Guid = item.Id,
            Title = title.Length > 0 ? title : Shorten(summary, 120),
            Summary = summary,
            Content = content,
            Author = string.IsNullOrWhiteSpace(item.Author) ? null : HtmlText.ToPlainText(item.Author),
            Published = PublishedUtc(item),
            FetchedAt = fetchedAt,
            Source = feedTitle ?? feed.Title,
        };
    }

    private static Uri? AbsoluteLink(string? link, Uri baseUri)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        return Uri.TryCreate(baseUri, link.Trim(), out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
    }

    private static DateTimeOffset? PublishedUtc(ParsedItem item)
    {
        if (item.PublishedText is { Length: > 0 } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        return item.Published is { } date
            ? new DateTimeOffset(DateTime.SpecifyKind(date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : date, DateTimeKind.Utc))
            : null;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd() + "…";
}
