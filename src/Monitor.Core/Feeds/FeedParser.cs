using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;
using CodeHollow.FeedReader.Parser;

namespace NewsMonitor.Feeds;

/// <summary>
/// Reads RSS 0.91–2.0, RSS 1.0 (RDF), Atom and JSON Feed. The bytes are decoded here (BOM, HTTP charset,
/// XML declaration) and repaired (<see cref="XmlRepair"/>, which also guarantees no DTD reaches the parser);
/// CodeHollow.FeedReader then maps the formats onto one model. Every failure is a <see cref="FeedParseException"/>
/// whose message a person understands.
/// </summary>
public sealed class FeedParser
{
    private static readonly XName XmlBase = XNamespace.Xml + "base";
    private static readonly XName DublinCoreDate = XNamespace.Get("http://purl.org/dc/elements/1.1/") + "date";

    /// <param name="body">The document as fetched.</param>
    /// <param name="contentType">The HTTP Content-Type, whose charset counts when there is no byte order mark.</param>
    /// <param name="documentUri">Where the document came from (after redirects): the base of relative links.</param>
    public ParsedFeed Parse(byte[] body, string? contentType = null, Uri? documentUri = null)
    {
        var text = FeedTextDecoder.Decode(body, contentType);
        var first = text.AsSpan().IndexOfAnyExcept(" \t\r\n\uFEFF");
        if (first < 0)
        {
            throw new FeedParseException("not a feed: empty document");
        }

        Feed feed = text[first] switch
        {
            '{' => Read(text),
            '<' => Read(XmlRepair.Repair(text).Text),
            _ => throw new FeedParseException("not a feed: the document is neither XML nor JSON"),
        };

        var items = feed.Items.Select(i => Item(i, documentUri)).ToList();
        var siteBase = BaseOf(feed.SpecificFeed?.Element, documentUri);
        return new ParsedFeed(feed.Title?.Trim(), Absolute(feed.Link, siteBase), items) { TimeToLive = TimeToLive(feed.SpecificFeed) };
    }

    private static Feed Read(string text)
    {
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(text);
        }
        catch (XmlException e)
        {
            throw new FeedParseException($"XML error at line {e.LineNumber}: {WithoutPosition(e.Message)}", e);
        }
        catch (FeedTypeNotSupportedException e)
        {
            throw new FeedParseException($"not a feed: {e.Message}", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The library's mapping can fail in many ways on odd documents; to the user it is one thing.
            throw new FeedParseException($"not a feed: {e.Message}", e);
        }

        if (feed.Type == FeedType.Unknown)
        {
            throw new FeedParseException("not a feed: unknown document type");
        }

        return feed;
    }

    private static ParsedItem Item(FeedItem item, Uri? documentUri) => new()
    {
        Id = item.Id,
        Link = item.Link,
        Title = item.Title,
        Summary = item.Description,
        Content = item.Content,
        Author = item.Author,
        PublishedText = PublishedText(item),
        Published = item.PublishingDate,
        BaseUri = BaseOf(item.SpecificItem?.Element, documentUri),
    };

    private static string? PublishedText(FeedItem item)
    {
        if (!string.IsNullOrWhiteSpace(item.PublishingDateString))
        {
            return item.PublishingDateString;
        }

        return item.SpecificItem switch
        {
            AtomFeedItem atom => atom.UpdatedDateString,
            JsonFeedItem json => json.DateModifiedString,
            { Element: { } element } => element.Element(DublinCoreDate)?.Value,
            _ => null,
        };
    }

    /// <summary>The document URI with every xml:base from the root down to <paramref name="element"/> applied.</summary>
    private static Uri? BaseOf(XElement? element, Uri? documentUri)
    {
        if (element is null)
        {
            return documentUri;
        }

        var result = documentUri;
        foreach (var scope in element.AncestorsAndSelf().Reverse())
        {
            if (scope.Attribute(XmlBase)?.Value is { Length: > 0 } xmlBase)
            {
                result = result is null
                    ? Uri.TryCreate(xmlBase.Trim(), UriKind.Absolute, out var absolute) ? absolute : null
                    : Uri.TryCreate(result, xmlBase.Trim(), out var combined) ? combined : result;
            }
        }

        return result;
    }

    private static string? Absolute(string? link, Uri? baseUri) =>
        string.IsNullOrWhiteSpace(link) ? null
        : baseUri is not null && Uri.TryCreate(baseUri, link.Trim(), out var uri) ? uri.AbsoluteUri
        : link.Trim();

    private static TimeSpan? TimeToLive(BaseFeed? feed)
    {
        var (ttl, syndication) = feed switch
        {
            Rss20Feed rss => (rss.TTL, rss.Sy),
            Rss10Feed rdf => (null, rdf.Sy),
            _ => (null, null),
        };
        if (int.TryParse(ttl, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && minutes > 0)
        {
            return TimeSpan.FromMinutes(minutes);
        }

        return SyndicationPeriod(syndication);
    }

    /// <summary>sy:updatePeriod divided by sy:updateFrequency (RSS 1.0 syndication module, also seen in RSS 2.0).</summary>
    private static TimeSpan? SyndicationPeriod(Syndication? sy)
    {
        TimeSpan? period = sy?.UpdatePeriod?.Trim().ToLowerInvariant() switch
        {
            "hourly" => TimeSpan.FromHours(1),
            "daily" => TimeSpan.FromDays(1),
            "weekly" => TimeSpan.FromDays(7),
            "monthly" => TimeSpan.FromDays(30),
            "yearly" => TimeSpan.FromDays(365),
            _ => null,
        };
        if (period is null)
        {
            return null;
        }

        var frequency = int.TryParse(sy!.UpdateFrequency, NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1;
        return period / frequency;
    }

    // XmlException messages end with "Line 3, position 7."; the line is already in ours.
    private static string WithoutPosition(string message)
    {
        var at = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
