using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Feeds;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Feeds;

/// <summary>From a site's address to its feed, against real pages and feeds on 127.0.0.1.</summary>
public sealed class FeedDiscoveryTests : LoopbackFeedTest
{
    private const string Rss = """<rss version="2.0"><channel><title>Site news</title><item><title>First</title><link>https://site.example/1</link></item></channel></rss>""";
    private const string Atom = """<feed xmlns="http://www.w3.org/2005/Atom"><title>Site Atom</title><entry><title>First</title><link href="/a/1"/></entry></feed>""";

    private FeedDiscovery Discovery => Services.GetRequiredService<FeedDiscovery>();

    [Fact]
    public async Task A_feed_address_is_the_feed_itself()
    {
        Server.Serve("feed.xml", Rss);

        var found = await Discovery.DiscoverAsync(Server.UrlOf("feed.xml").AbsoluteUri, default);

        Assert.Equal(Server.UrlOf("feed.xml").AbsoluteUri, found.Url);
        Assert.Null(found.FoundVia);
        Assert.Equal("Site news", found.Parsed.Title);
    }

    [Fact]
    public async Task A_page_announcing_its_feeds_gives_the_first_that_parses_and_offers_them_all()
    {
        Server.Serve("blog/", """
            <!DOCTYPE html><html><head><title>Blog</title>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="Broken" href="broken.xml">
            <link rel=alternate type="application/atom+xml" title="Everything (Atom)" href="/feeds/all.atom">
            <link rel="alternate" type="application/feed+json" title="JSON" href="https://elsewhere.example/feed.json">
            </head><body>Hello</body></html>
            """, "text/html; charset=utf-8");
        Server.Serve("blog/broken.xml", "<html><body>Not found, but 200</body></html>", "text/html");
        Server.Serve("feeds/all.atom", Atom, "application/atom+xml");

        var found = await Discovery.DiscoverAsync(Server.UrlOf("blog/").AbsoluteUri, default);

        Assert.Equal(Server.UrlOf("feeds/all.atom").AbsoluteUri, found.Url);
        Assert.Equal($"announced by the page {Server.UrlOf("blog/").AbsoluteUri}", found.FoundVia);
        Assert.Equal("Site Atom", found.Parsed.Title);
        Assert.Equal(
            [Server.UrlOf("blog/broken.xml").AbsoluteUri, Server.UrlOf("feeds/all.atom").AbsoluteUri, "https://elsewhere.example/feed.json"],
            found.Alternatives.Select(a => a.Url));
        Assert.Equal("Everything (Atom)", found.Alternatives[1].Title);
    }

    [Fact]
    public async Task A_page_announcing_nothing_is_tried_at_the_usual_paths()
    {
        Server.Serve("", "<!DOCTYPE html><html><head><title>Home</title></head><body>Home</body></html>", "text/html");
        Server.Serve("rss.xml", Rss);

        var found = await Discovery.DiscoverAsync(Server.BaseUri.AbsoluteUri, default);

        Assert.Equal(Server.UrlOf("rss.xml").AbsoluteUri, found.Url);
        Assert.Equal($"at the usual path /rss.xml of {Server.BaseUri.Host}", found.FoundVia);
        Assert.Contains("GET /feed", Server.Requests);
    }

    [Fact]
    public async Task A_page_with_no_feed_anywhere_says_what_was_tried()
    {
        Server.Serve("", "<html><body>Nothing</body></html>", "text/html");

        var error = await Assert.ThrowsAsync<FeedDiscoveryException>(() => Discovery.DiscoverAsync(Server.BaseUri.AbsoluteUri, default));

        Assert.StartsWith($"{Server.BaseUri.AbsoluteUri} is a web page, not a feed, and no feed was found for it (the page announces none; tried {Server.UrlOf("feed").AbsoluteUri}, ", error.Message);
        Assert.EndsWith($"{Server.UrlOf("index.xml").AbsoluteUri})", error.Message);
    }

    [Fact]
    public async Task An_address_without_a_scheme_is_tried_as_https_then_http_and_says_so()
    {
        Server.Serve("feed.xml", Rss);
        var address = $"{Server.BaseUri.Authority}/feed.xml";

        var found = await Discovery.DiscoverAsync(address, default);

        Assert.Equal(Server.UrlOf("feed.xml").AbsoluteUri, found.Url);
        Assert.Equal("no scheme given: read over http", found.FoundVia);
    }

    [Theory]
    [InlineData("ftp://example.org/feed")]
    [InlineData("not an address")]
    [InlineData("localhost")]
    public async Task What_is_no_web_address_is_refused_before_any_request(string address)
    {
        var error = await Assert.ThrowsAsync<FeedDiscoveryException>(() => Discovery.DiscoverAsync(address, default));

        Assert.Equal($"'{address}' is not an http(s) URL", error.Message);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Content_Location_is_the_base_of_relative_links()
    {
        var body = System.Text.Encoding.UTF8.GetBytes("""<rss version="2.0"><channel><title>t</title><item><title>a</title><link>2026/story.html</link></item></channel></rss>""");
        Server.ServeBytes("latest", body, "application/rss+xml", new Dictionary<string, string> { ["Content-Location"] = "/archive/feeds/main.xml" });
        var feed = new FeedSource { Id = "f", Url = Server.UrlOf("latest").AbsoluteUri };
        await Services.GetRequiredService<IFeedStore>().UpsertFeedAsync(feed);

        await Services.GetRequiredService<NewsMonitor.Pipeline.PollFeedHandler>().HandleAsync("f", default);

        var stored = await Services.GetRequiredService<IArticleStore>().GetArticleAsync(ArticleIdentity.ForUrl(Server.UrlOf("archive/feeds/2026/story.html")));
        Assert.NotNull(stored);
        Assert.Equal(Server.UrlOf("archive/feeds/2026/story.html").AbsoluteUri, stored.Url);
    }

    [Fact]
    public async Task Blank_lines_and_a_comment_before_the_XML_declaration_are_read()
    {
        Server.Serve("php.xml", "\n\n  <!-- generated -->\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + Rss);

        var found = await Discovery.DiscoverAsync(Server.UrlOf("php.xml").AbsoluteUri, default);

        Assert.Equal("First", Assert.Single(found.Parsed.Items).Title);
    }
}
