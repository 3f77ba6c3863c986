using System.Xml;
using System.Xml.Linq;
using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

public sealed record OpmlFeed(string XmlUrl, string? Title, string? HtmlUrl);

/// <summary>The feed list as OPML 2.0, the format every feed reader imports and exports. Nested outlines are flattened.</summary>
public static class OpmlFile
{
    public static IReadOnlyList<OpmlFeed> Read(Stream stream)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new FormatException($"OPML: XML error at line {e.LineNumber}: {e.Message}", e);
        }

        if (document.Root?.Name.LocalName != "opml")
        {
            throw new FormatException("OPML: the root element is not <opml>");
        }

        var feeds = new List<OpmlFeed>();
        foreach (var outline in document.Descendants("outline"))
        {
            var xmlUrl = (string?)outline.Attribute("xmlUrl");
            if (string.IsNullOrWhiteSpace(xmlUrl))
            {
                continue;
            }

            if (!Uri.TryCreate(xmlUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                var line = ((IXmlLineInfo)outline).LineNumber;
                throw new FormatException($"OPML line {line}: xmlUrl '{xmlUrl}' is not an http(s) URL");
            }

            var title = (string?)outline.Attribute("title") ?? (string?)outline.Attribute("text");
            feeds.Add(new OpmlFeed(uri.AbsoluteUri, string.IsNullOrWhiteSpace(title) ? null : title.Trim(), (string?)outline.Attribute("htmlUrl")));
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
}
