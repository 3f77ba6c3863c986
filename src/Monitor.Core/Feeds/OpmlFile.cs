using System.Xml;
using System.Xml.Linq;
using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

public sealed record OpmlFeed(string XmlUrl, string? Title, string? HtmlUrl);

/// <summary>
/// The feed list as OPML 2.0 (and the 1.0 files older readers write), the format every feed reader imports
/// and exports. Nested outlines are flattened; a feed listed in two folders is imported once. Files are read
/// with the same care as feeds: encoding detected, stray ampersands and HTML entities mended, no DTD processed.
/// </summary>
public static class OpmlFile
{
    public static IReadOnlyList<OpmlFeed> Read(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        XDocument document;
        try
        {
            var text = XmlRepair.Repair(FeedTextDecoder.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), null)).Text;
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new FormatException($"OPML: XML error at line {e.LineNumber}: {e.Message}", e);
        }
        catch (FeedParseException e)
        {
            throw new FormatException($"OPML: {e.Message.Replace("not a feed", "not OPML", StringComparison.Ordinal)}", e);
        }

        if (document.Root?.Name.LocalName != "opml")
        {
            throw new FormatException("OPML: the root element is not <opml>");
        }

        var feeds = new List<OpmlFeed>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outline in document.Descendants().Where(e => e.Name.LocalName == "outline"))
        {
            var xmlUrl = Attribute(outline, "xmlUrl");
            if (string.IsNullOrWhiteSpace(xmlUrl))
            {
                continue;
            }

            if (!Uri.TryCreate(xmlUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                var line = ((IXmlLineInfo)outline).LineNumber;
                throw new FormatException($"OPML line {line}: xmlUrl '{xmlUrl}' is not an http(s) URL");
            }

            if (!seen.Add(UrlCanonicalizer.Canonicalize(uri)))
            {
                continue;
            }

            var title = Attribute(outline, "title") is { Length: > 0 } named ? named : Attribute(outline, "text");
            var htmlUrl = Attribute(outline, "htmlUrl");
            feeds.Add(new OpmlFeed(uri.AbsoluteUri, string.IsNullOrWhiteSpace(title) ? null : title.Trim(), string.IsNullOrWhiteSpace(htmlUrl) ? null : htmlUrl.Trim()));
        }

        return feeds;
    }

    public static void Write(Stream stream, IEnumerable<FeedSource> feeds, string title = "News Monitor feeds")
    {
        var body = new XElement("body", feeds.Select(f => new XElement(
            "outline",
            new XAttribute("type", "rss"),
            new XAttribute("text", f.Title ?? f.Url),
            new XAttribute("title", f.Title ?? f.Url),
            new XAttribute("xmlUrl", f.Url),
            f.SiteUrl is null ? null : new XAttribute("htmlUrl", f.SiteUrl))));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("opml", new XAttribute("version", "2.0"), new XElement("head", new XElement("title", title)), body));
        document.Save(stream);
    }

    // Old exporters write xmlurl, XMLURL, htmlurl: attribute names are matched without regard to case.
    private static string? Attribute(XElement outline, string name) =>
        outline.Attributes().FirstOrDefault(a => a.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;
}
