using System.Diagnostics;
using NewsMonitor.Feeds;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Feeds;

/// <summary>Real-world and broken feeds: what can be recovered is, what cannot ends in a sentence a person understands.</summary>
public sealed class FeedParserTests
{
    private static readonly Uri FeedUri = new("https://feeds.example.net/path/feed.xml");
    private readonly FeedParser parser = new();
    private readonly ArticleNormaliser normaliser = new();

    [Fact]
    public void A_windows_1252_French_feed_keeps_its_accents_and_curly_quotes()
    {
        var articles = Normalise("fr-windows-1252.xml");

        Assert.Equal("Mistral & la Commission : l’accord d’été", articles[0].Title);
        Assert.Equal("Œuvres, cafés et français : ça marche", articles[1].Title);
        Assert.Equal("Côté société, les élèves réagissent.", articles[1].Summary);
    }

    [Fact]
    public void Undeclared_HTML_entities_and_no_break_spaces_become_characters()
    {
        var article = Normalise("fr-windows-1252.xml")[0];

        Assert.Equal("Bruxelles a validé l’accord. Réactions à chaud : « un pas décisif » selon léquipe.", article.Summary);
    }

    [Fact]
    public void The_document_charset_wins_over_a_server_that_claims_UTF_8_for_Latin_1_bytes()
    {
        var feed = parser.Parse(Fixture.Bytes("fr-iso-8859-1.xml"), "application/rss+xml; charset=utf-8", FeedUri);

        Assert.Equal("Élection : la région à l’heure du vote", feed.Items[0].Title);
    }

    [Fact]
    public void The_server_charset_wins_over_a_wrong_declaration()
    {
        var body = System.Text.Encoding.GetEncoding("iso-8859-1").GetBytes(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Noël à Paris</title></channel></rss>");

        var feed = parser.Parse(body, "text/xml; charset=ISO-8859-1", FeedUri);

        Assert.Equal("Noël à Paris", feed.Title);
    }

    [Fact]
    public void A_UTF_8_document_is_read_as_UTF_8_when_the_server_default_says_Latin_1()
    {
        var body = System.Text.Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Noël à Paris</title></channel></rss>");

        Assert.Equal("Noël à Paris", parser.Parse(body, "text/xml; charset=iso-8859-1", FeedUri).Title);
    }

    [Fact]
    public void A_byte_order_mark_wins_over_everything()
    {
        Assert.Equal("Déjà là", parser.Parse(Fixture.Bytes("utf8-bom.xml"), "text/xml; charset=iso-8859-1", FeedUri).Items[0].Title);
        Assert.Equal("Grüße aus Zürich", parser.Parse(Fixture.Bytes("utf16.xml"), "text/xml; charset=utf-8", FeedUri).Items[0].Title);
    }

    [Fact]
    public void Latin_1_bytes_without_any_declaration_are_still_readable()
    {
        var body = System.Text.Encoding.GetEncoding(1252).GetBytes("<rss version=\"2.0\"><channel><title>Été</title></channel></rss>");

        Assert.Equal("Été", parser.Parse(body, "application/xml", FeedUri).Title);
    }

    [Fact]
    public void Bare_ampersands_unknown_entities_stray_angle_brackets_and_control_characters_are_recovered()
    {
        var articles = Normalise("broken-entities.xml");

        Assert.Equal("Prices & plans: AT&T vs. Verizon — who wins?", articles[0].Title);
        Assert.Equal("Café crème & croissants, « parfait » &unknownthing; and 3 < 4 done.", articles[0].Summary);
        Assert.Equal("https://broken.example.com/a?id=1&page=2", articles[0].Url);
        Assert.Equal("CDATA keeps & and é as written", articles[1].Title);
    }

    [Fact]
    public void The_feed_title_is_recovered_too()
    {
        Assert.Equal("AT&T & Friends © 2026", parser.Parse(Fixture.Bytes("broken-entities.xml"), null, FeedUri).Title);
    }

    [Fact]
    public void Relative_links_resolve_against_xml_base_in_scope()
    {
        var articles = Normalise("relative-links.xml");

        Assert.Equal("https://relative.example.org/blog/posts/one.html", articles[0].Url);
        Assert.Equal("https://cdn.relative.example.org/archive/two.html", articles[1].Url);
    }

    [Fact]
    public void Relative_links_resolve_against_the_feed_URL_after_redirects()
    {
        var articles = Normalise("relative-rss.xml");

        Assert.Equal("https://feeds.example.net/news/story-1", articles[0].Url);
        Assert.Equal("https://other.example.net/story-2", articles[1].Url);
    }

    [Fact]
    public void Items_without_link_or_guid_are_kept_and_a_non_URL_guid_is_not_taken_for_a_link()
    {
        var feed = new FeedSource { Id = "f1", Url = FeedUri.AbsoluteUri, SiteUrl = "https://missing.example.com/" };
        var parsed = parser.Parse(Fixture.Bytes("missing-ids.xml"), null, FeedUri);
        var articles = parsed.Items.Select(i => normaliser.Normalise(i, feed, parsed.Title, FeedUri, DateTimeOffset.UnixEpoch)).ToList();

        Assert.Equal(4, articles.Count);
        Assert.Equal("https://missing.example.com/", articles[0]!.Url);
        Assert.Equal("No link, no guid, still news.", articles[0]!.Summary);
        Assert.Equal("https://missing.example.com/", articles[1]!.Url);
        Assert.Equal("https://missing.example.com/permalink", articles[2]!.Url);
        Assert.Null(articles[3]);
        Assert.Equal(3, articles.OfType<Article>().Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Odd_but_common_dates_are_read_in_UTC()
    {
        var published = Normalise("odd-dates.xml").Select(a => a.Published).ToList();

        Assert.Equal(
            [
                new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 7, 10, 8, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
                null,
            ],
            published);
    }

    [Fact]
    public void HTML_in_titles_becomes_plain_text()
    {
        var titles = Normalise("html-titles.xml").Select(a => a.Title);

        Assert.Equal(["Bold move by Mistral", "EU AI Act enters force"], titles);
    }

    [Fact]
    public void An_empty_feed_is_a_feed_with_no_items()
    {
        var feed = parser.Parse(Fixture.Bytes("empty.xml"), null, FeedUri);

        Assert.Equal("Nothing yet", feed.Title);
        Assert.Empty(feed.Items);
    }

    [Theory]
    [InlineData("html-page.html", "not a feed: HTML page")]
    [InlineData("truncated.xml", "XML error at line 5: Unexpected end of file")]
    public void What_cannot_be_read_says_why(string fixture, string expected)
    {
        var error = Assert.Throws<FeedParseException>(() => parser.Parse(Fixture.Bytes(fixture), "text/html", FeedUri));

        Assert.StartsWith(expected, error.Message);
    }

    [Theory]
    [InlineData("", "not a feed: empty document")]
    [InlineData("   \r\n ", "not a feed: empty document")]
    [InlineData("Service Unavailable", "not a feed: the document is neither XML nor JSON")]
    [InlineData("<html><body>Login</body></html>", "not a feed: HTML page")]
    [InlineData("<?xml version=\"1.0\"?>\n<!-- moved -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", "not a feed: HTML page")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x.dtd\"><html/>", "not a feed: HTML page")]
    [InlineData("<catalog><book/></catalog>", "not a feed: unknown feed type catalog")]
    [InlineData("{\"title\": \"not json feed\"}", "not a feed: json content is not a JSON Feed")]
    public void Documents_that_are_not_feeds_are_named(string body, string expected)
    {
        var error = Assert.Throws<FeedParseException>(() => parser.Parse(System.Text.Encoding.UTF8.GetBytes(body), null, FeedUri));

        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void A_gzipped_body_that_would_grow_past_the_limit_is_refused_and_a_broken_one_is_named()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>"));
            gzip.Write(new byte[FeedParser.MaxGunzippedBytes]);
        }

        var bomb = Assert.Throws<FeedParseException>(() => parser.Parse(compressed.ToArray(), "application/rss+xml", FeedUri));
        var broken = Assert.Throws<FeedParseException>(() => parser.Parse([0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xFF, 0xFF, 0xFF, 0xFF], "application/rss+xml", FeedUri));

        Assert.Equal($"too large: more than {FeedParser.MaxGunzippedBytes} bytes once decompressed", bomb.Message);
        Assert.StartsWith("not a feed: a gzip body that does not decompress", broken.Message);
    }

    [Fact]
    public void A_document_cut_before_its_first_item_ends_is_an_error_and_one_cut_later_keeps_its_complete_items()
    {
        const string Head = "<rss version=\"2.0\"><channel><title>t</title>\n";
        var early = Assert.Throws<FeedParseException>(() => parser.Parse(System.Text.Encoding.UTF8.GetBytes(Head + "<item><title>One</title><link>https://x.example/1</li"), null, FeedUri));
        var late = parser.Parse(System.Text.Encoding.UTF8.GetBytes(Head + "<item><title>One</title></item>\n<item><title>Two</title><link>https://x.example/2</li"), null, FeedUri);

        Assert.StartsWith("XML error at line 2", early.Message);
        Assert.Equal("One", Assert.Single(late.Items).Title);
    }

    [Fact]
    public void A_broken_tag_before_the_end_is_still_an_error_rather_than_a_feed_read_in_part()
    {
        var body = "<rss version=\"2.0\"><channel><title>t</title>\n<item><title>One</title></item>\n<item><title>Two</ti tle></item>\n<item><title>Three</title></item>\n</channel></rss>\n";

        var error = Assert.Throws<FeedParseException>(() => parser.Parse(System.Text.Encoding.UTF8.GetBytes(body), null, FeedUri));

        Assert.StartsWith("XML error at line 3", error.Message);
    }

    [Fact]
    public void An_entity_bomb_is_read_at_once_without_expanding_anything()
    {
        var clock = Stopwatch.StartNew();
        var feed = parser.Parse(Fixture.Bytes("billion-laughs.xml"), null, FeedUri);

        Assert.Equal("&lol9;", feed.Title);
        Assert.Equal("boom", Assert.Single(feed.Items).Title);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("xxe.xml", "XXE", "&secret;")]
    [InlineData("xxe-parameter.xml", "param", null)]
    public void External_entities_are_never_read_and_the_feed_is_kept(string fixture, string title, string? firstItemTitle)
    {
        var feed = parser.Parse(Fixture.Bytes(fixture), null, FeedUri);

        Assert.Equal(title, feed.Title);
        Assert.Equal(firstItemTitle, feed.Items.Count > 0 ? feed.Items[0].Title : null);
    }

    [Fact]
    public void A_declaration_smuggled_after_the_prolog_is_refused()
    {
        var body = System.Text.Encoding.UTF8.GetBytes("<rss version=\"2.0\">\n<!ENTITY x \"y\"><channel><title>t</title></channel></rss>");

        var error = Assert.Throws<FeedParseException>(() => parser.Parse(body, null, FeedUri));

        Assert.StartsWith("refused: a markup declaration at line 2", error.Message);
    }

    [Fact]
    public void An_old_RSS_0_91_feed_with_the_Netscape_DOCTYPE_is_read_without_its_DTD()
    {
        var feed = parser.Parse(Fixture.Bytes("rss091-netscape.xml"), null, FeedUri);

        Assert.Equal("Old School", feed.Title);
        Assert.Equal("Café déjà servi", feed.Items[0].Title);
    }

    [Fact]
    public void JSON_Feed_items_get_absolute_links_dates_and_text()
    {
        var articles = Normalise("feed.json");

        Assert.Equal("https://feeds.example.net/2026/11/ai-act", articles[0].Url);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), articles[0].Published);
        Assert.Equal("The AI Act applies.", articles[0].Content.Length > 0 ? articles[0].Content : articles[0].Summary);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero), articles[1].Published);
    }

    [Fact]
    public void RSS_1_0_items_take_their_Dublin_Core_date_and_the_channel_its_update_period()
    {
        var feed = parser.Parse(Fixture.Bytes("rdf.xml"), null, FeedUri);

        Assert.Equal("RDF item", feed.Items[0].Title);
        Assert.Equal("2026-11-23T10:00:00Z", feed.Items[0].PublishedText);
        Assert.Equal(TimeSpan.FromMinutes(30), feed.TimeToLive);
    }

    [Fact]
    public void The_RSS_ttl_is_read_in_minutes()
    {
        Assert.Equal(TimeSpan.FromHours(1), parser.Parse(Fixture.Bytes("fr-windows-1252.xml"), null, FeedUri).TimeToLive);
    }

    [Fact]
    public void HTML_pasted_unescaped_into_a_description_is_read_as_HTML()
    {
        var article = NormaliseText("""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
            <channel><title>t</title><item>
              <title>Real title</title><media:title>Not the title</media:title>
              <link>https://e.example/1</link>
              <description>Intro <b>bold</b> and <a href="/x">a link</a>.</description>
              <content:encoded><![CDATA[<p>Full <em>text</em>.</p>]]></content:encoded>
              <dc:creator>First Author</dc:creator><author>second@example.com</author>
            </item></channel></rss>
            """)[0];

        Assert.Equal("Real title", article.Title);
        Assert.Equal("Intro bold and a link.", article.Summary);
        Assert.Equal("Full text.", article.Content);
        Assert.Equal("First Author", article.Author);
    }

    [Fact]
    public void Atom_text_constructs_keep_text_as_text_and_read_html_and_xhtml_as_markup()
    {
        var article = NormaliseText("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="text">A &lt; B</title>
            <entry><id>urn:1</id><title type="text">Less &lt;than&gt; you think</title>
              <link rel="self" href="https://e.example/self"/><link href="https://e.example/page"/>
              <summary type="html">&lt;p&gt;Escaped &amp;amp; HTML&lt;/p&gt;</summary>
              <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>XHTML <b>content</b></p></div></content>
              <author><name>Ana</name></author><updated>2026-11-23T10:00:00Z</updated>
            </entry></feed>
            """)[0];

        Assert.Equal("Less <than> you think", article.Title);
        Assert.Equal("https://e.example/page", article.Url);
        Assert.Equal("Escaped & HTML", article.Summary);
        Assert.Equal("XHTML content", article.Content);
        Assert.Equal("Ana", article.Author);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void Atom_0_3_and_items_outside_the_channel_are_still_read()
    {
        var atom03 = NormaliseText("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
            <entry><title>Entry</title><link rel="alternate" type="text/html" href="https://old.example/1"/><issued>2026-11-23T10:00:00Z</issued></entry></feed>
            """);
        var loose = NormaliseText("""<rss version="0.91"><channel><title>t</title></channel><item><title>Beside</title><link>https://loose.example/1</link></item></rss>""");

        Assert.Equal("https://old.example/1", atom03[0].Url);
        Assert.NotNull(atom03[0].Published);
        Assert.Equal("Beside", loose[0].Title);
    }

    private List<Article> NormaliseText(string xml) => NormaliseBytes(System.Text.Encoding.UTF8.GetBytes(xml));

    private List<Article> Normalise(string fixture) => NormaliseBytes(Fixture.Bytes(fixture));

    private List<Article> NormaliseBytes(byte[] body)
    {
        var feed = new FeedSource { Id = "f1", Url = FeedUri.AbsoluteUri };
        var parsed = parser.Parse(body, null, FeedUri);
        return parsed.Items.Select(i => normaliser.Normalise(i, feed, parsed.Title, FeedUri, DateTimeOffset.UnixEpoch)).OfType<Article>().ToList();
    }
}
