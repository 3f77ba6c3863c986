using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;

namespace NewsMonitor.Feeds;

/// <summary>
/// Reads RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom (1.0 and 0.3) in one forward pass over an XmlReader with
/// DTD processing prohibited, taking only what the monitor uses. No document tree is built: a poll cycle
/// parses thousands of feeds, and two DOMs per feed (what general feed libraries build) cost more time and
/// memory than everything else a poll does. Text of HTML-bearing elements comes back as markup for
/// <see cref="HtmlText"/>; Atom's type="text" is escaped so that it reads back as the same text.
/// </summary>
internal static class XmlFeedReader
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string Atom03 = "http://purl.org/atom/ns#";
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Rss10 = "http://purl.org/rss/1.0/";
    private const string Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    private const string Content = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCore = "http://purl.org/dc/elements/1.1/";
    private const string Syndication = "http://purl.org/rss/1.0/modules/syndication/";
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private const string UserLand = "http://backend.userland.com/rss2";
    private const string DcTerms = "http://purl.org/dc/terms/";
    private const string Media = "http://search.yahoo.com/mrss/";
    private const string ITunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    private const string Xhtml = "http://www.w3.org/1999/xhtml";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = true,
    };

    public static ParsedFeed Read(string xml, Uri? documentUri)
    {
        try
        {
            return Read(xml, documentUri, null);
        }
        catch (XmlException)
        {
            // Read again with the prefixes feeds forget to declare (only then: binding them costs every document).
            return Read(xml, documentUri, WellKnownPrefixes());
        }
    }

    private static ParsedFeed Read(string xml, Uri? documentUri, XmlParserContext? context)
    {
        using var reader = XmlReader.Create(new StringReader(xml), Settings, context);
        reader.MoveToContent();
        var feed = new FeedBuilder(Rebase(reader, documentUri));
        try
        {
            return (reader.LocalName, reader.NamespaceURI) switch
            {
                ("rss", _) => ReadRss(reader, feed),
                ("RDF", Rdf) => ReadRdf(reader, feed),
                ("feed", Atom or Atom03 or "") => ReadAtom(reader, feed),
                var (name, _) => throw new FeedParseException($"not a feed: unknown feed type {name}"),
            };
        }
        catch (XmlException e) when (feed.Items.Count > 0 && EndsOnLine(xml, e.LineNumber))
        {
            // Cut short (a download that stopped, a generator that died): the items complete before the cut are read;
            // the one cut is left for the next poll to read whole.
            return feed.Build();
        }
    }

    /// <summary>Whether the document's last line with anything on it is <paramref name="line"/>: where a cut document fails.</summary>
    private static bool EndsOnLine(string xml, int line) => XmlRepair.LineOf(xml, xml.AsSpan().TrimEnd().Length) == line;

    /// <summary>
    /// The prefixes feeds use most, bound for a second reading: many feeds write dc:date or media:content without
    /// declaring the prefix, which XML refuses whole. A document's own declaration still wins where it makes one.
    /// </summary>
    private static XmlParserContext WellKnownPrefixes()
    {
        var names = new NameTable();
        var prefixes = new XmlNamespaceManager(names);
        foreach (var (prefix, uri) in new[]
        {
            ("dc", DublinCore), ("dcterms", DcTerms), ("content", Content), ("media", Media), ("atom", Atom), ("itunes", ITunes),
            ("sy", Syndication), ("rdf", Rdf), ("xhtml", Xhtml), ("slash", "http://purl.org/rss/1.0/modules/slash/"),
            ("wfw", "http://wellformedweb.org/CommentAPI/"), ("georss", "http://www.georss.org/georss"), ("feedburner", "http://rssnamespace.org/feedburner/ext/1.0"),
            ("googleplay", "http://www.google.com/schemas/play-podcasts/1.0"), ("podcast", "https://podcastindex.org/namespace/1.0"),
            ("thr", "http://purl.org/syndication/thread/1.0"), ("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#"),
        })
        {
            prefixes.AddNamespace(prefix, uri);
        }

        return new XmlParserContext(names, prefixes, null, XmlSpace.None);
    }

    private static ParsedFeed ReadRss(XmlReader reader, FeedBuilder feed)
    {
        ForEachChild(reader, () =>
        {
            if (reader.LocalName == "channel")
            {
                ReadChannel(reader, feed, Rebase(reader, feed.Base));
            }
            else if (reader.LocalName == "item")
            {
                // Some feeds put their items beside the channel instead of in it.
                feed.Items.Add(ReadRssItem(reader, feed.Base));
            }
            else
            {
                reader.Skip();
            }
        });
        return feed.Build();
    }

    private static ParsedFeed ReadRdf(XmlReader reader, FeedBuilder feed)
    {
        ForEachChild(reader, () =>
        {
            if (reader.LocalName == "channel" && IsRss(reader))
            {
                ReadChannel(reader, feed, feed.Base);
            }
            else if (reader.LocalName == "item" && IsRss(reader))
            {
                feed.Items.Add(ReadRssItem(reader, feed.Base));
            }
            else
            {
                reader.Skip();
            }
        });
        return feed.Build();
    }

    private static void ReadChannel(XmlReader reader, FeedBuilder feed, Uri? channelBase)
    {
        ForEachChild(reader, () =>
        {
            switch (reader.LocalName, reader.NamespaceURI)
            {
                case ("title", "" or Rss10 or Rss090 or UserLand):
                    feed.Title = Text(reader);
                    break;
                case ("link", "" or Rss10 or Rss090 or UserLand):
                    feed.SiteUrl = Absolute(Text(reader), channelBase);
                    break;
                case ("ttl", ""):
                    feed.Ttl = Text(reader);
                    break;
                case ("updatePeriod", Syndication):
                    feed.UpdatePeriod = Text(reader);
                    break;
                case ("updateFrequency", Syndication):
                    feed.UpdateFrequency = Text(reader);
                    break;
                case ("item", "" or Rss10 or Rss090 or UserLand):
                    feed.Items.Add(ReadRssItem(reader, channelBase));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        });
    }

    private static ParsedItem ReadRssItem(XmlReader reader, Uri? parentBase)
    {
        var item = new ItemFields(Rebase(reader, parentBase)) { Id = reader.GetAttribute("about", Rdf) };
        ForEachChild(reader, () =>
        {
            switch (reader.LocalName, reader.NamespaceURI)
            {
                case ("title", "" or Rss10 or Rss090 or UserLand):
                    item.Title = Text(reader);
                    break;
                case ("title", DublinCore or DcTerms or Media):
                    var title = Text(reader);
                    item.OtherTitle ??= title;
                    break;
                case ("link", "" or Rss10 or Rss090 or UserLand):
                    item.Link = Text(reader);
                    break;
                case ("link", Atom):
                    var (rel, href) = AtomLink(reader, item.Base);
                    item.OtherLink ??= rel == "alternate" ? href : null;
                    break;
                case ("guid", "" or UserLand):
                    item.IdIsLink = !"false".Equals(reader.GetAttribute("isPermaLink")?.Trim(), StringComparison.OrdinalIgnoreCase);
                    item.Id = Text(reader);
                    break;
                case ("description", "" or Rss10 or Rss090 or UserLand):
                    item.Summary = Text(reader);
                    break;
                case ("description", DublinCore or DcTerms or Media):
                case ("summary", ITunes or Atom):
                    var summary = Text(reader);
                    item.OtherSummary ??= summary;
                    break;
                case ("encoded", Content):
                case ("body", Xhtml):
                case ("fullitem", "" or UserLand):
                    item.Content = Text(reader);
                    break;
                case ("author", "" or UserLand):
                case ("creator", DublinCore):
                    var name = Text(reader);
                    item.Author ??= name;
                    break;
                case ("pubDate", "" or UserLand):
                    item.Published = Text(reader);
                    break;
                case ("date", DublinCore):
                case ("issued" or "created", DcTerms):
                case ("published", Atom):
                    var date = Text(reader);
                    item.Updated ??= date;
                    break;
                case ("modified", DcTerms):
                case ("updated", Atom):
                    var modified = Text(reader);
                    item.Modified ??= modified;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        });
        return item.ToItem();
    }

    private static ParsedFeed ReadAtom(XmlReader reader, FeedBuilder feed)
    {
        ForEachChild(reader, () =>
        {
            switch (IsAtom(reader) ? reader.LocalName : "")
            {
                case "title":
                    feed.Title = AtomText(reader);
                    break;
                case "link":
                    var (rel, href) = AtomLink(reader, feed.Base);
                    if (rel == "alternate" && feed.SiteUrl is null)
                    {
                        feed.SiteUrl = href;
                    }

                    break;
                case "entry":
                    feed.Items.Add(ReadAtomEntry(reader, feed.Base));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        });
        return feed.Build();
    }

    private static ParsedItem ReadAtomEntry(XmlReader reader, Uri? parentBase)
    {
        var item = new ItemFields(Rebase(reader, parentBase));
        ForEachChild(reader, () =>
        {
            switch (IsAtom(reader) ? reader.LocalName : "")
            {
                case "id":
                    item.Id = Text(reader);
                    break;
                case "title":
                    item.Title = AtomText(reader);
                    break;
                case "link":
                    var (rel, href) = AtomLink(reader, item.Base);
                    if (rel == "alternate")
                    {
                        item.Link ??= href;
                    }

                    break;
                case "summary":
                    item.Summary = AtomText(reader);
                    break;
                case "content":
                    item.Content = AtomText(reader);
                    break;
                case "author":
                    var person = AtomPerson(reader);
                    item.Author ??= person;
                    break;
                case "published" or "issued":
                    item.Published = Text(reader);
                    break;
                case "updated" or "modified":
                    item.Modified = Text(reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        });
        return item.ToItem();
    }

    /// <summary>An Atom link's relation (alternate when absent) and its href, made absolute against any xml:base in scope.</summary>
    private static (string Rel, string? Href) AtomLink(XmlReader reader, Uri? scope)
    {
        var rel = reader.GetAttribute("rel") is { Length: > 0 } r ? r : "alternate";
        var href = reader.GetAttribute("href");
        var linkBase = Rebase(reader, scope);
        if (string.IsNullOrWhiteSpace(href))
        {
            // Some writers put the address in the element, as RSS does.
            href = Text(reader);
        }
        else
        {
            reader.Skip();
        }

        return (rel, string.IsNullOrWhiteSpace(href) ? null : Absolute(href, linkBase));
    }

    private static string? AtomPerson(XmlReader reader)
    {
        string? name = null;
        ForEachChild(reader, () =>
        {
            if (reader.LocalName == "name" && IsAtom(reader))
            {
                name = Text(reader);
            }
            else
            {
                reader.Skip();
            }
        });
        return name;
    }

    /// <summary>
    /// An Atom text construct as markup: html as is, xhtml as its markup, text escaped so it stays text. Child elements
    /// written unescaped into a text construct give their text, not their markup; Atom 0.3's base64 mode is decoded.
    /// </summary>
    private static string AtomText(XmlReader reader)
    {
        var type = reader.GetAttribute("type");
        var base64 = "base64".Equals(reader.GetAttribute("mode"), StringComparison.OrdinalIgnoreCase);
        var isText = type is null or "text" or "text/plain";
        var text = Text(reader, markup: !isText || base64);
        if (base64)
        {
            text = FromBase64(text);
        }

        return isText ? WebUtility.HtmlEncode(text) : text;
    }

    private static string FromBase64(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var length) ? new UTF8Encoding(false).GetString(bytes, 0, length) : text;
    }

    /// <summary>
    /// An element's content: its text (entities and CDATA resolved) with any child elements kept as markup,
    /// so escaped HTML, CDATA HTML and HTML pasted unescaped all come out as HTML text (without <paramref name="markup"/>,
    /// the text of child elements alone). Leaves the reader after the element.
    /// </summary>
    private static string Text(XmlReader reader, bool markup = true)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }

        var depth = reader.Depth;
        reader.Read();
        string? single = null;
        StringBuilder? many = null;
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
        {
            string piece;
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    piece = reader.Value;
                    reader.Read();
                    break;
                case XmlNodeType.Element when markup:
                    piece = reader.ReadOuterXml();
                    break;
                default:
                    reader.Read();
                    continue;
            }

            if (single is null)
            {
                single = piece;
            }
            else
            {
                (many ??= new StringBuilder(single)).Append(piece);
            }
        }

        reader.Read();
        return many?.ToString() ?? single ?? "";
    }

    /// <summary>Calls <paramref name="onChild"/> on each child element (which must consume it), then leaves the reader after the parent.</summary>
    private static void ForEachChild(XmlReader reader, Action onChild)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                onChild();
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
    }

    private static bool IsAtom(XmlReader reader) => reader.NamespaceURI is Atom or Atom03 or "";

    private static bool IsRss(XmlReader reader) => reader.NamespaceURI is Rss10 or Rss090 or UserLand or "";

    /// <summary>The base in scope for the element under the reader: its xml:base resolved against the parent's.</summary>
    private static Uri? Rebase(XmlReader reader, Uri? parent)
    {
        var xmlBase = reader.GetAttribute("base", XmlNamespace);
        if (string.IsNullOrWhiteSpace(xmlBase))
        {
            return parent;
        }

        return parent is null
            ? Uri.TryCreate(xmlBase.Trim(), UriKind.Absolute, out var absolute) ? absolute : null
            : Uri.TryCreate(parent, xmlBase.Trim(), out var combined) ? combined : parent;
    }

    /// <summary>The link resolved against the base when there is one; as given otherwise.</summary>
    internal static string? Absolute(string? link, Uri? baseUri) =>
        string.IsNullOrWhiteSpace(link) ? null
        : baseUri is not null && Uri.TryCreate(baseUri, link.Trim(), out var uri) ? uri.AbsoluteUri
        : link.Trim();

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// What an item or entry says, gathered while reading it. The core elements win over the modules' (dc:title,
    /// media:title, itunes:summary …), which are read only for items that lack them; the publication date falls back
    /// to the other dates given (dc:date, dcterms:issued, Atom's published, then the update dates).
    /// </summary>
    private sealed class ItemFields(Uri? baseUri)
    {
        public Uri? Base { get; } = baseUri;
        public string? Id { get; set; }
        public bool IdIsLink { get; set; } = true;
        public string? Link { get; set; }
        public string? OtherLink { get; set; }
        public string? Title { get; set; }
        public string? OtherTitle { get; set; }
        public string? Summary { get; set; }
        public string? OtherSummary { get; set; }
        public string? Content { get; set; }
        public string? Author { get; set; }
        public string? Published { get; set; }
        public string? Updated { get; set; }
        public string? Modified { get; set; }

        public ParsedItem ToItem() => new()
        {
            Id = Trimmed(Id),
            IdIsLink = IdIsLink,
            Link = Trimmed(Link) ?? Trimmed(OtherLink),
            Title = string.IsNullOrWhiteSpace(Title) ? OtherTitle ?? Title : Title,
            Summary = string.IsNullOrWhiteSpace(Summary) ? OtherSummary ?? Summary : Summary,
            Content = Content,
            Author = Author,
            PublishedText = Trimmed(Published) ?? Trimmed(Updated) ?? Trimmed(Modified),
            BaseUri = Base,
        };
    }

    /// <summary>What a channel or feed element says about the feed as a whole, gathered while reading it.</summary>
    private sealed class FeedBuilder(Uri? baseUri)
    {
        public Uri? Base { get; set; } = baseUri;
        public string? Title { get; set; }
        public string? SiteUrl { get; set; }
        public string? Ttl { get; set; }
        public string? UpdatePeriod { get; set; }
        public string? UpdateFrequency { get; set; }
        public List<ParsedItem> Items { get; } = [];

        public ParsedFeed Build() => new(Title is null ? null : HtmlText.ToPlainText(Title), SiteUrl, Items) { TimeToLive = TimeToLive() };

        /// <summary>RSS &lt;ttl&gt; in minutes, else sy:updatePeriod divided by sy:updateFrequency.</summary>
        private TimeSpan? TimeToLive()
        {
            if (int.TryParse(Ttl, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && minutes > 0)
            {
                return TimeSpan.FromMinutes(minutes);
            }

            TimeSpan? period = UpdatePeriod?.Trim().ToLowerInvariant() switch
            {
                "hourly" => TimeSpan.FromHours(1),
                "daily" => TimeSpan.FromDays(1),
                "weekly" => TimeSpan.FromDays(7),
                "monthly" => TimeSpan.FromDays(30),
                "yearly" => TimeSpan.FromDays(365),
                _ => null,
            };
            var frequency = int.TryParse(UpdateFrequency, NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1;
            return period / frequency;
        }
    }
}
