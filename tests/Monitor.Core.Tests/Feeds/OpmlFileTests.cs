using System.Text;
using System.Xml.Linq;
using NewsMonitor.Feeds;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Feeds;

public sealed class OpmlFileTests
{
    [Fact]
    public void Nested_outlines_become_each_feeds_folder_with_titles_and_site_links()
    {
        var feeds = Read("""
            <?xml version="1.0" encoding="utf-8"?>
            <opml version="2.0"><head><title>Mine</title></head><body>
              <outline text="Tech">
                <outline text="Europe">
                  <outline type="rss" text="Gazette text" title="La Gazette" xmlUrl="https://gazette.example.fr/rss" htmlUrl="https://gazette.example.fr/"/>
                </outline>
                <outline type="rss" text="Wire" xmlUrl="https://wire.example.com/atom.xml"/>
              </outline>
              <outline type="link" text="Not a feed" url="https://example.com/"/>
            </body></opml>
            """);

        Assert.Equal(
            [
                new OpmlFeed("https://gazette.example.fr/rss", "La Gazette", "https://gazette.example.fr/", "Tech/Europe"),
                new OpmlFeed("https://wire.example.com/atom.xml", "Wire", null, "Tech"),
            ],
            feeds);
    }

    [Fact]
    public void A_readers_export_imports_with_its_folders()
    {
        // As readers write them: folders named by text only or by title, nested two deep, attribute names in
        // any case, an empty folder, a feed at the top level, and the same feed filed in two folders.
        var feeds = Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="1.0">
              <head><title>Subscriptions from Reader</title><dateCreated>Mon, 23 Nov 2026 10:00:00 GMT</dateCreated></head>
              <body>
                <outline TEXT="News" Title="News">
                  <outline text="France">
                    <outline type="rss" TEXT="Le Monde" XMLURL="https://lemonde.example.fr/rss.xml" HtmlUrl="https://lemonde.example.fr/"/>
                    <outline type="rss" text="Libé" xmlUrl="https://libe.example.fr/rss"/>
                  </outline>
                  <outline text="World" title="  World  ">
                    <outline type="rss" text="Wire" xmlUrl="https://wire.example.com/atom.xml"/>
                  </outline>
                  <outline type="rss" text="Daily" xmlUrl="https://daily.example.com/feed"/>
                </outline>
                <outline text="Empty folder" title="Empty folder"/>
                <outline text="EU policy">
                  <outline type="rss" text="Euractiv" xmlUrl="https://euractiv.example.eu/feed"/>
                  <outline type="rss" text="Le Monde again" xmlUrl="https://lemonde.example.fr/rss.xml"/>
                </outline>
                <outline type="rss" text="Loose" xmlUrl="https://loose.example.org/rss"/>
              </body>
            </opml>
            """);

        Assert.Equal(
            [
                new OpmlFeed("https://lemonde.example.fr/rss.xml", "Le Monde", "https://lemonde.example.fr/", "News/France"),
                new OpmlFeed("https://libe.example.fr/rss", "Libé", null, "News/France"),
                new OpmlFeed("https://wire.example.com/atom.xml", "Wire", null, "News/World"),
                new OpmlFeed("https://daily.example.com/feed", "Daily", null, "News"),
                new OpmlFeed("https://euractiv.example.eu/feed", "Euractiv", null, "EU policy"),
                new OpmlFeed("https://loose.example.org/rss", "Loose", null, null),
            ],
            feeds);
    }

    [Fact]
    public void Folders_are_written_as_nested_outlines_in_the_order_their_feeds_come()
    {
        FeedSource[] feeds =
        [
            new() { Id = "1", Url = "https://1.example/", Title = "One", Folder = "News/France" },
            new() { Id = "2", Url = "https://2.example/", Title = "Two", Folder = "Tech" },
            new() { Id = "3", Url = "https://3.example/", Title = "Three" },
            new() { Id = "4", Url = "https://4.example/", Title = "Four", Folder = "News" },
            new() { Id = "5", Url = "https://5.example/", Title = "Five", Folder = "News/France" },
        ];
        using var stream = new MemoryStream();

        OpmlFile.Write(stream, feeds);

        stream.Position = 0;
        var body = XDocument.Load(stream).Root!.Element("body")!;
        Assert.Equal(
            """
            <body>
              <outline text="News" title="News">
                <outline text="France" title="France">
                  <outline type="rss" text="One" title="One" xmlUrl="https://1.example/" />
                  <outline type="rss" text="Five" title="Five" xmlUrl="https://5.example/" />
                </outline>
                <outline type="rss" text="Four" title="Four" xmlUrl="https://4.example/" />
              </outline>
              <outline text="Tech" title="Tech">
                <outline type="rss" text="Two" title="Two" xmlUrl="https://2.example/" />
              </outline>
              <outline type="rss" text="Three" title="Three" xmlUrl="https://3.example/" />
            </body>
            """.ReplaceLineEndings(),
            body.ToString().ReplaceLineEndings());
    }

    [Fact]
    public void Folders_survive_import_then_export_then_import_even_with_a_slash_in_a_title()
    {
        const string opml = """
            <opml version="2.0"><body>
              <outline text="News"><outline title="France / Europe">
                <outline type="rss" text="A" xmlUrl="https://a.example/rss"/>
              </outline></outline>
              <outline text="AC/DC \ fans"><outline type="rss" text="B" xmlUrl="https://b.example/rss"/></outline>
              <outline type="rss" text="C" xmlUrl="https://c.example/rss"/>
            </body></opml>
            """;
        var first = Read(opml);

        using var stream = new MemoryStream();
        OpmlFile.Write(stream, first.Select(f => new FeedSource { Id = f.XmlUrl, Url = f.XmlUrl, Title = f.Title, SiteUrl = f.HtmlUrl, Folder = f.Folder }));
        stream.Position = 0;
        var second = OpmlFile.Read(stream);

        Assert.Equal(first, second);
        Assert.Equal([@"News/France \/ Europe", @"AC\/DC \\ fans", null], second.Select(f => f.Folder));
        Assert.Equal(["News", "France / Europe"], FeedFolder.Split(second[0].Folder));
    }

    [Fact]
    public void Export_then_import_gives_back_the_feed_list()
    {
        FeedSource[] feeds =
        [
            new() { Id = "a", Url = "https://a.example.com/feed?x=1&y=2", Title = "Ça & là « guillemets »", SiteUrl = "https://a.example.com/" },
            new() { Id = "b", Url = "https://b.example.com/rss", Title = null },
        ];
        using var stream = new MemoryStream();

        OpmlFile.Write(stream, feeds);
        stream.Position = 0;
        var back = OpmlFile.Read(stream);

        Assert.Equal(
            [
                new OpmlFeed("https://a.example.com/feed?x=1&y=2", "Ça & là « guillemets »", "https://a.example.com/"),
                new OpmlFeed("https://b.example.com/rss", "https://b.example.com/rss", null),
            ],
            back);
    }

    [Fact]
    public void Files_from_careless_exporters_are_read()
    {
        var feeds = Read("""
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <!DOCTYPE opml>
            <opml version="1.0"><head><title>Old</title></head><body>
              <outline text="Caf&eacute; & Co" xmlurl="https://cafe.example.fr/rss" HTMLURL="https://cafe.example.fr/"/>
              <outline text="Same feed, other folder" xmlUrl="https://cafe.example.fr/rss"/>
            </body></opml>
            """, Encoding.Latin1);

        Assert.Equal([new OpmlFeed("https://cafe.example.fr/rss", "Café & Co", "https://cafe.example.fr/")], feeds);
    }

    [Theory]
    [InlineData("<opml><body><outline xmlUrl=\"file:///etc/passwd\"/></body></opml>", "OPML line 1: xmlUrl 'file:///etc/passwd' is not an http(s) URL")]
    [InlineData("<rss version=\"2.0\"/>", "OPML: the root element is not <opml>")]
    [InlineData("<opml><body>\n<outline xmlUrl=\"https://x.example/\">\n</body></opml>", "OPML: XML error at line 3")]
    public void A_bad_file_is_rejected_with_the_reason(string opml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Read(opml));

        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void A_DTD_is_dropped_and_its_entities_never_expanded()
    {
        var feeds = Read("<!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><opml><body><outline text=\"&x;\" xmlUrl=\"https://x.example/\"/></body></opml>");

        Assert.Equal("&x;", Assert.Single(feeds).Title);
    }

    private static IReadOnlyList<OpmlFeed> Read(string opml, Encoding? encoding = null) =>
        OpmlFile.Read(new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(opml)));
}
