using System.Xml;
using System.Xml.Linq;
using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

/// <summary>A feed as an OPML file lists it; <paramref name="Folder"/> is its <see cref="FeedFolder"/> path, null at the top level.</summary>
public sealed record OpmlFeed(string XmlUrl, string? Title, string? HtmlUrl, string? Folder = null);

/// <summary>
/// The feed list as OPML 2.0 (and the 1.0 files older readers write), the format every feed reader imports
/// and exports. The outlines a feed is nested in are its folder, written back as nested outlines; a feed listed
/// in two folders is imported once, in the first. Files are read with the same care as feeds: encoding detected,
/// stray ampersands and HTML entities mended, no DTD processed.
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

            var title = TitleOf(outline);
            var htmlUrl = Attribute(outline, "htmlUrl");
            feeds.Add(new OpmlFeed(uri.AbsoluteUri, string.IsNullOrWhiteSpace(title) ? null : title.Trim(), string.IsNullOrWhiteSpace(htmlUrl) ? null : htmlUrl.Trim(), FolderOf(outline)));
        }

        return feeds;
    }

    /// <summary>
    /// Writes the feeds in the order given, each folder as an outline holding its feeds and subfolders, placed where
    /// its first feed comes; feeds with no folder stay at the top level.
    /// </summary>
    public static void Write(Stream stream, IEnumerable<FeedSource> feeds, string title = "News Monitor feeds")
    {
        ArgumentNullException.ThrowIfNull(feeds);
        var body = new XElement("body");
        var folders = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var feed in feeds)
        {
            FolderElement(body, folders, feed.Folder).Add(new XElement(
                "outline",
                new XAttribute("type", "rss"),
                new XAttribute("text", feed.Title ?? feed.Url),
                new XAttribute("title", feed.Title ?? feed.Url),
                new XAttribute("xmlUrl", feed.Url),
                feed.SiteUrl is null ? null : new XAttribute("htmlUrl", feed.SiteUrl)));
        }

        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("opml", new XAttribute("version", "2.0"), new XElement("head", new XElement("title", title)), body));
        document.Save(stream);
    }

    // The outline a feed of this folder goes in, made (with its parents) the first time the folder comes up.
    private static XElement FolderElement(XElement body, Dictionary<string, XElement> folders, string? folder)
    {
        var parent = body;
        var path = new List<string>();
        foreach (var name in FeedFolder.Split(folder))
        {
            path.Add(name);
            var key = FeedFolder.Join(path)!;
            if (!folders.TryGetValue(key, out var element))
            {
                element = new XElement("outline", new XAttribute("text", name), new XAttribute("title", name));
                parent.Add(element);
                folders.Add(key, element);
            }

            parent = element;
        }

        return parent;
    }

    // Every enclosing outline that is not itself a feed is a folder, named like a feed by its title or else its text.
    private static string? FolderOf(XElement outline)
    {
        var folder = FeedFolder.Join(outline.Ancestors()
            .Where(e => e.Name.LocalName == "outline" && string.IsNullOrWhiteSpace(Attribute(e, "xmlUrl")))
            .Reverse()
            .Select(TitleOf));
        if (folder is { Length: > FeedFolder.MaxLength })
        {
            throw new FormatException($"OPML line {((IXmlLineInfo)outline).LineNumber}: the folder '{folder}' is longer than {FeedFolder.MaxLength} characters");
        }

        return folder;
    }

    private static string? TitleOf(XElement outline) =>
        Attribute(outline, "title") is { } named && !string.IsNullOrWhiteSpace(named) ? named : Attribute(outline, "text");

    // Old exporters write xmlurl, XMLURL, htmlurl: attribute names are matched without regard to case.
    private static string? Attribute(XElement outline, string name) =>
        outline.Attributes().FirstOrDefault(a => a.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;
}
