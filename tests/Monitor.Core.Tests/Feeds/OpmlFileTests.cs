using System.Text;
using NewsMonitor.Feeds;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Feeds;

public sealed class OpmlFileTests
{
    [Fact]
    public void Nested_outlines_are_flattened_with_titles_and_site_links()
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
                new OpmlFeed("https://gazette.example.fr/rss", "La Gazette", "https://gazette.example.fr/"),
                new OpmlFeed("https://wire.example.com/atom.xml", "Wire", null),
            ],
            feeds);
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
    [InlineData("<!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><opml>&x;</opml>", "OPML: refused: the document declares DTD entities")]
    public void A_bad_file_is_rejected_with_the_reason(string opml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Read(opml));

        Assert.StartsWith(expected, error.Message);
    }

    private static IReadOnlyList<OpmlFeed> Read(string opml, Encoding? encoding = null) =>
        OpmlFile.Read(new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(opml)));
}
