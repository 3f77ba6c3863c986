using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Feeds;

/// <summary>A link that is not http(s) is never stored: not as an article's URL, not as the site it falls back to.</summary>
public sealed class JavascriptLinkTests : LoopbackFeedTest
{
    [Fact]
    public async Task A_feed_whose_channel_link_is_javascript_keeps_no_site_link()
    {
        Server.Serve("feed.xml", """<rss version="2.0"><channel><title>Hostile</title><link>javascript:alert(1)</link><item><title>Mistral</title><link>https://a.example/1</link></item></channel></rss>""");
        var url = Server.UrlOf("feed.xml").AbsoluteUri;
        var feed = new FeedSource { Id = ArticleIdentity.ForFeed(url), Url = url };
        await Services.GetRequiredService<IFeedStore>().UpsertFeedAsync(feed);

        await Services.GetRequiredService<PollFeedHandler>().HandleAsync(feed.Id, default);

        Assert.Null((await Services.GetRequiredService<IFeedStore>().GetFeedAsync(feed.Id))!.SiteUrl);
    }

    [Fact]
    public async Task An_item_without_a_link_in_a_feed_whose_site_link_is_javascript_gets_no_url()
    {
        Server.Serve("feed.xml", """
            <rss version="2.0"><channel><title>Hostile</title><link>javascript:alert(1)</link>
              <item><title>Mistral sans lien</title><description>Un article sans lien ni GUID.</description></item>
              <item><title>Mistral, lien data</title><link>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</link></item>
            </channel></rss>
            """);
        var url = Server.UrlOf("feed.xml").AbsoluteUri;
        // As an add through the API stored it before links were checked.
        var feed = new FeedSource { Id = ArticleIdentity.ForFeed(url), Url = url, SiteUrl = "javascript:alert(1)" };
        await Services.GetRequiredService<IFeedStore>().UpsertFeedAsync(feed);

        var outcome = await Services.GetRequiredService<PollFeedHandler>().HandleAsync(feed.Id, default);

        Assert.Equal(2, outcome.NewArticles);
        var articles = await Services.GetRequiredService<IArticleStore>().ListRecentArticlesAsync(10);
        Assert.All(articles, a => Assert.True(a.Url.Length == 0, $"{a.Title}: {a.Url}"));
    }

    [Theory]
    [InlineData("https://a.example/x", true)]
    [InlineData("HTTP://a.example/x", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("/relative", false)]
    [InlineData("ftp://a.example/x", false)]
    [InlineData(null, false)]
    public void Only_absolute_http_urls_are_web_links(string? url, bool expected) => Assert.Equal(expected, WebLinks.IsWebLink(url));
}
