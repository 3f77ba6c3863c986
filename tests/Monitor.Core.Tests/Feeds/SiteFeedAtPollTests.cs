using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Feeds;
using NewsMonitor.Management;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Feeds;

/// <summary>
/// A site's address stored as a feed (as OPML import, seed files and the Tables path store it, without fetching): the
/// first poll finds the feed its page announces and polls that instead, through the real stack on 127.0.0.1.
/// </summary>
public sealed class SiteFeedAtPollTests : LoopbackFeedTest
{
    private const string Items = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Gazette</title><link>/</link>
        <item><title>Mistral AI and the Commission</title><link>https://gazette.example/a</link></item>
        <item><title>The AI Act, one year on</title><link>https://gazette.example/b</link></item>
        </channel></rss>
        """;

    private IFeedStore Feeds => Services.GetRequiredService<IFeedStore>();

    private PollFeedHandler Handler => Services.GetRequiredService<PollFeedHandler>();

    [Fact]
    public async Task A_site_url_becomes_the_feed_its_page_announces_keeping_its_id_and_title_and_the_first_poll_stores_the_articles()
    {
        Server.Serve("site/", Page("""<link rel="alternate" type="application/rss+xml" title="All news" href="/site/feed/">"""), "text/html; charset=utf-8");
        Server.Serve("site/feed/", Items);
        var site = await StoreAsync("site/", title: "My gazette");

        var outcome = await Handler.HandleAsync(site.Id, default);

        var feedUrl = Server.UrlOf("site/feed/").AbsoluteUri;
        Assert.Equal((PollStatus.NewItems, 2, feedUrl), (outcome.Status, outcome.NewArticles, outcome.Url));
        var stored = Assert.Single(await Feeds.ListFeedsAsync());
        Assert.Equal((site.Id, feedUrl, "My gazette", true), (stored.Id, stored.Url, stored.Title, stored.Health.IsHealthy));
        Assert.Equal($"site URL {site.Url} → feed {feedUrl} found by discovery on 2026-11-23", stored.Health.Note);
        Assert.Equal(2, (await Services.GetRequiredService<IArticleStore>().ListRecentArticlesAsync(10)).Count);

        // The next poll asks for the feed only, and the note stays.
        Clock.Advance(TimeSpan.FromHours(1));
        var before = Server.Requests.Count;
        Assert.Equal(PollStatus.NothingNew, (await Handler.HandleAsync(site.Id, default)).Status);
        Assert.Equal(["GET /site/feed/"], Server.Requests.Skip(before));
        Assert.Equal(stored.Health.Note, (await Feeds.GetFeedAsync(site.Id))!.Health.Note);
    }

    [Fact]
    public async Task A_page_announcing_no_feed_fails_with_what_was_tried_and_keeps_its_address()
    {
        Server.Serve("about/", Page("<title>About us</title>"), "text/html");
        var page = await StoreAsync("about/");

        var outcome = await Handler.HandleAsync(page.Id, default);

        Assert.Equal(PollStatus.Failed, outcome.Status);
        var stored = (await Feeds.GetFeedAsync(page.Id))!;
        Assert.Equal(page.Url, stored.Url);
        Assert.Null(stored.Health.Note);
        Assert.Equal(
            $"this is a web page, not a feed; no feed link found in it (tried {string.Join(", ", FeedDiscovery.UsualPaths.Select(p => Server.UrlOf(p).AbsoluteUri))})",
            stored.Health.LastError);
    }

    [Fact]
    public async Task A_page_whose_announced_feed_is_broken_fails_naming_it()
    {
        Server.Serve("blog/", Page("""<link rel="alternate" type="application/atom+xml" href="broken.xml">"""), "text/html");
        Server.Serve("blog/broken.xml", "<rss version=\"2.0\"><channel><item><title>cut", "application/xml");
        var blog = await StoreAsync("blog/");

        await Handler.HandleAsync(blog.Id, default);

        var error = (await Feeds.GetFeedAsync(blog.Id))!.Health.LastError;
        Assert.StartsWith($"this is a web page, not a feed; the feed it links to could not be read (tried {Server.UrlOf("blog/broken.xml").AbsoluteUri}, ", error);
    }

    [Fact]
    public async Task A_site_whose_feed_is_already_stored_is_disabled_with_a_note_naming_that_feed_and_no_duplicate_is_made()
    {
        Server.Serve("news/", Page("""<link rel="alternate" type="application/rss+xml" href="/news/rss.xml">"""), "text/html");
        Server.Serve("news/rss.xml", Items);
        var feed = await StoreAsync("news/rss.xml", title: "News feed");
        var site = await StoreAsync("news/", title: "News site");
        Assert.Equal(PollStatus.NewItems, (await Handler.HandleAsync(feed.Id, default)).Status);

        var outcome = await Handler.HandleAsync(site.Id, default);

        Assert.Equal((PollStatus.NothingNew, 0), (outcome.Status, outcome.NewArticles));
        var stored = (await Feeds.ListFeedsAsync()).ToDictionary(f => f.Id);
        Assert.Equal(2, stored.Count);
        Assert.Equal((feed.Url, true, null), (stored[feed.Id].Url, stored[feed.Id].Enabled, stored[feed.Id].Health.Note));
        Assert.Equal((site.Url, false), (stored[site.Id].Url, stored[site.Id].Enabled));
        Assert.Equal(
            $"site URL {site.Url} → feed {feed.Url} found by discovery on 2026-11-23; disabled: that feed is already stored as News feed (id {feed.Id})",
            stored[site.Id].Health.Note);
        Assert.DoesNotContain(site.Id, (await Feeds.ListDueFeedsAsync(Clock.GetUtcNow().AddDays(2))).Select(f => f.Id));
    }

    [Fact]
    public async Task Once_discovered_the_feed_is_known_by_its_new_address_to_imports_and_to_adding()
    {
        Server.Serve("site/", Page("""<link rel="alternate" type="application/rss+xml" href="/site/feed/">"""), "text/html");
        Server.Serve("site/feed/", Items);
        var site = await StoreAsync("site/");
        await Handler.HandleAsync(site.Id, default);
        var feedUrl = Server.UrlOf("site/feed/").AbsoluteUri;

        var summary = await Services.GetRequiredService<StoreImporter>().ImportFeedsAsync([new OpmlFeed(feedUrl, "Gazette", null, "Press")], replace: false);
        var manager = new FeedsManager(Feeds, Services.GetRequiredService<FeedDiscovery>(), Services.GetRequiredService<StoreImporter>());
        var added = await Assert.ThrowsAsync<ApiProblemException>(() => manager.CreateAsync(new(feedUrl, null, null, null), default));

        Assert.Equal((0, 1), (summary.Added, summary.Updated));
        var stored = Assert.Single(await Feeds.ListFeedsAsync());
        Assert.Equal((site.Id, feedUrl, "Press"), (stored.Id, stored.Url, stored.Folder));
        Assert.Equal(409, added.Problem.Status);
    }

    [Fact]
    public void Feeds_of_the_pages_own_site_are_preferred_to_feeds_elsewhere()
    {
        Assert.True(FeedDiscovery.SameSite(new Uri("https://www.gazette.example/"), new Uri("https://gazette.example/feed")));
        Assert.True(FeedDiscovery.SameSite(new Uri("https://www.gazette.example/"), new Uri("https://feeds.gazette.example/all")));
        Assert.False(FeedDiscovery.SameSite(new Uri("https://gazette.example/"), new Uri("https://feeds.feedservice.example/gazette")));
        Assert.False(FeedDiscovery.SameSite(new Uri("https://gazette.example/"), new Uri("https://othergazette.example/")));
    }

    private static string Page(string head) => $"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body><p>Welcome</p></body></html>";

    private async Task<FeedSource> StoreAsync(string path, string? title = null)
    {
        var url = Server.UrlOf(path).AbsoluteUri;
        var feed = new FeedSource { Id = ArticleIdentity.ForFeed(url), Url = url, Title = title };
        await Feeds.UpsertFeedAsync(feed);
        return feed;
    }
}
