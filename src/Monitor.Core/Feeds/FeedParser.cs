using System.IO.Compression;
using System.Net;
using System.Xml;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;
using CodeHollow.FeedReader.Parser;

namespace NewsMonitor.Feeds;

/// <summary>
/// Reads RSS 0.91–2.0, RSS 1.0 (RDF), Atom and JSON Feed. The bytes are decoded here (BOM, HTTP charset,
/// XML declaration), XML is repaired (<see cref="XmlRepair"/>: entities, stray characters, no DTD left) and
/// read by <see cref="XmlFeedReader"/> with DTD processing prohibited; JSON Feed goes through
/// CodeHollow.FeedReader. Every failure is a <see cref="FeedParseException"/> whose message a person understands.
/// </summary>
public sealed class FeedParser
{
    /// <param name="body">The document as fetched.</param>
    /// <param name="contentType">The HTTP Content-Type, whose charset counts when there is no byte order mark.</param>
    /// <param name="documentUri">Where the document came from (after redirects): the base of relative links.</param>
    public ParsedFeed Parse(byte[] body, string? contentType = null, Uri? documentUri = null)
    {
        var text = FeedTextDecoder.Decode(Gunzipped(body), contentType);
        var first = text.AsSpan().IndexOfAnyExcept(" \t\r\n\uFEFF");
        if (first < 0)
        {
            throw new FeedParseException("not a feed: empty document");
        }

        return text[first] switch
        {
            '{' => ReadJson(text, documentUri),
            '<' => ReadXml(XmlRepair.Repair(text).Text, documentUri),

            // Text before the feed: a server's warning printed ahead of it.
            _ when XmlRepair.FeedStart(text, first) is > 0 and var start => ReadXml(XmlRepair.Repair(text[start..]).Text, documentUri),
            _ => throw new FeedParseException("not a feed: the document is neither XML nor JSON"),
        };
    }

    /// <summary>Most feeds can hold this much once decompressed; past it, a compressed body is refused as a bomb would be.</summary>
    public const int MaxGunzippedBytes = 16 * 1024 * 1024;

    /// <summary>
    /// A body still gzipped: a server that compresses a file already compressed (a feed.xml.gz) or sends gzip without
    /// saying so in Content-Encoding, so the HTTP client could not undo it. Its magic number gives it away.
    /// </summary>
    private static byte[] Gunzipped(byte[] body)
    {
        if (body is not [0x1F, 0x8B, 0x08, ..])
        {
            return body;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxGunzippedBytes)
                {
                    throw new FeedParseException($"too large: more than {MaxGunzippedBytes} bytes once decompressed");
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new FeedParseException($"not a feed: a gzip body that does not decompress ({e.Message})", e);
        }
    }

    private static ParsedFeed ReadXml(string xml, Uri? documentUri)
    {
        try
        {
            return XmlFeedReader.Read(xml, documentUri);
        }
        catch (XmlException e)
        {
            throw new FeedParseException($"XML error at line {e.LineNumber}: {WithoutPosition(e.Message)}", e);
        }
    }

    /// <summary>JSON Feed 1.0/1.1, through CodeHollow.FeedReader.</summary>
    private static ParsedFeed ReadJson(string json, Uri? documentUri)
    {
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(json);
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

        if (feed.Type != FeedType.JsonFeed)
        {
            throw new FeedParseException("not a feed: unknown document type");
        }

        var items = feed.Items.Select(i => Item(i, documentUri)).ToList();
        return new ParsedFeed(feed.Title?.Trim(), XmlFeedReader.Absolute(feed.Link, documentUri), items);
    }

    private static ParsedItem Item(FeedItem item, Uri? documentUri)
    {
        var json = item.SpecificItem as JsonFeedItem;
        return new()
        {
            Id = item.Id,
            // A link blog's item points elsewhere (external_url) and may have no page of its own.
            Link = item.Link ?? json?.ExternalUrl,
            Title = item.Title is null ? null : WebUtility.HtmlEncode(item.Title),
            Summary = json?.Summary ?? item.Description,
            // content_text is plain text: escaped, it reads back as the same text.
            Content = json?.ContentHtml ?? (json?.ContentText is { } text ? WebUtility.HtmlEncode(text) : item.Content),
            Author = item.Author,
            PublishedText = string.IsNullOrWhiteSpace(item.PublishingDateString) ? json?.DateModifiedString : item.PublishingDateString,
            Published = item.PublishingDate,
            BaseUri = documentUri,
        };
    }

    // XmlException messages end with "Line 3, position 7."; the line is already in ours.
    private static string WithoutPosition(string message)
    {
        var at = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
