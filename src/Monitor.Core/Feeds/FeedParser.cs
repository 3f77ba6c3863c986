using System.Text;
using System.Xml;
using CodeHollow.FeedReader;

namespace NewsMonitor.Feeds;

/// <summary>Reads RSS 0.91–2.0, Atom and JSON Feed with CodeHollow.FeedReader, refusing what is not a feed.</summary>
public sealed class FeedParser
{
    public ParsedFeed Parse(byte[] body)
    {
        var head = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 1024)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.Length == 0)
        {
            throw new FeedParseException("not a feed: empty document");
        }

        if (head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedParseException("not a feed: HTML page");
        }

        // Entity declarations are how XML bombs and external-entity reads are built; no real feed needs them.
        if (Encoding.UTF8.GetString(body).Contains("<!ENTITY", StringComparison.Ordinal))
        {
            throw new FeedParseException("refused: the document declares DTD entities");
        }

        Feed feed;
        try
        {
            feed = FeedReader.ReadFromByteArray(body);
        }
        catch (XmlException e)
        {
            throw new FeedParseException($"XML error at line {e.LineNumber}: {e.Message}", e);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or NullReferenceException or System.Text.Json.JsonException)
        {
            throw new FeedParseException($"not a feed: {e.Message}", e);
        }

        if (feed.Type == FeedType.Unknown)
        {
            throw new FeedParseException("not a feed: unknown document type");
        }

        var items = feed.Items.Select(i => new ParsedItem
        {
            Id = i.Id,
            Link = i.Link,
            Title = i.Title,
            Summary = i.Description,
            Content = i.Content,
            Author = i.Author,
            PublishedText = i.PublishingDateString,
            Published = i.PublishingDate,
        }).ToList();
        return new ParsedFeed(feed.Title, feed.Link, items);
    }
}
