using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Api;

public sealed class FeedsApiTests : IAsyncLifetime
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>La Gazette</title><link>https://gazette.example.fr/</link>
        <item><title>Mistral AI lève des fonds</title><link>https://gazette.example.fr/a</link></item>
        </channel></rss>
        """;

    private ApiHost host = null!;
    private FeedServer server = null!;

    private HttpClient Client => host.Client;

    public async Task InitializeAsync()
    {
        host = await ApiHost.StartAsync();
        server = await FeedServer.StartAsync();
        server.Serve("gazette.xml", Rss);
        server.Serve("page.html", "<!DOCTYPE html><html><body>hello</body></html>", "text/html");
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_feed_that_fetches_and_parses_is_added_with_its_title()
    {
        var url = server.UrlOf("gazette.xml").AbsoluteUri;

        using var response = await Client.PostAsJsonAsync("/api/feeds", new { url });

        var feed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(ArticleIdentity.ForFeed(url), feed.GetProperty("id").GetString());
        Assert.Equal("La Gazette", feed.GetProperty("title").GetString());
        Assert.True(feed.GetProperty("health").GetProperty("isHealthy").GetBoolean());
        Assert.NotNull(await host.Get<IFeedStore>().GetFeedAsync(ArticleIdentity.ForFeed(url)));
    }

    [Fact]
    public async Task A_site_address_imported_as_a_feed_is_listed_with_its_feed_and_the_discovery_note_after_its_first_poll()
    {
        server.Serve("site/", """<html><head><link rel="alternate" type="application/rss+xml" href="/gazette.xml"></head><body/></html>""", "text/html");
        var site = server.UrlOf("site/").AbsoluteUri;
        using var opml = new StringContent($"""<opml version="2.0"><body><outline text="Gazette" xmlUrl="{site}"/></body></opml>""", Encoding.UTF8, "text/x-opml");
        using var imported = await Client.PutAsync("/api/feeds/opml", opml);
        var id = ArticleIdentity.ForFeed(site);

        await host.Get<PollFeedHandler>().HandleAsync(id, default);

        var feed = await Client.GetFromJsonAsync<JsonElement>($"/api/feeds/{id}");
        var gazette = server.UrlOf("gazette.xml").AbsoluteUri;
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        Assert.Equal(gazette, feed.GetProperty("url").GetString());
        Assert.StartsWith($"site URL {site} → feed {gazette} found by discovery on ", feed.GetProperty("health").GetProperty("note").GetString());
    }

    [Theory]
    [InlineData("missing.xml", "HTTP 404")]
    [InlineData("page.html", "is a web page, not a feed, and no feed was found for it (the page announces none; tried")]
    public async Task A_url_that_does_not_fetch_or_parse_is_refused_with_the_reason(string path, string reason)
    {
        using var response = await Client.PostAsJsonAsync("/api/feeds", new { url = server.UrlOf(path).AbsoluteUri });

        var problem = await response.ReadProblemAsync(400);
        Assert.Contains(reason, problem.Detail());
        Assert.Empty(await host.Get<IFeedStore>().ListFeedsAsync());
    }

    [Fact]
    public async Task A_site_page_adds_the_feed_it_announces_and_says_which_among_those_offered()
    {
        server.Serve("site/", """
            <html><head><link rel="alternate" type="application/rss+xml" title="Gazette" href="/gazette.xml">
            <link rel="alternate" type="application/atom+xml" title="Comments" href="/comments.atom"></head><body/></html>
            """, "text/html");
        var page = server.UrlOf("site/").AbsoluteUri;
        var feedUrl = server.UrlOf("gazette.xml").AbsoluteUri;

        using var response = await Client.PostAsJsonAsync("/api/feeds", new { url = page });

        var feed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(feedUrl, feed.GetProperty("url").GetString());
        Assert.Equal(ArticleIdentity.ForFeed(feedUrl), feed.GetProperty("id").GetString());
        var discovery = feed.GetProperty("discovery");
        Assert.Equal(page, discovery.GetProperty("requested").GetString());
        Assert.Equal($"announced by the page {page}", discovery.GetProperty("foundVia").GetString());
        Assert.Equal(
            [feedUrl, server.UrlOf("comments.atom").AbsoluteUri],
            discovery.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("url").GetString()));
    }

    [Theory]
    [InlineData("file:///etc/passwd", "redirected to a file: URL")]
    [InlineData("gopher://127.0.0.1:70/", "redirected to a gopher: URL")]
    [InlineData("http://[::1", "redirect with an invalid Location: http://[::1")]
    public async Task A_url_redirecting_to_anything_but_http_is_refused_like_any_feed_that_does_not_fetch(string location, string reason)
    {
        server.Redirect("moved.xml", location);

        using var response = await Client.PostAsJsonAsync("/api/feeds", new { url = server.UrlOf("moved.xml").AbsoluteUri });

        Assert.Contains(reason, (await response.ReadProblemAsync(400)).Detail());
        Assert.Empty(await host.Get<IFeedStore>().ListFeedsAsync());
    }

    [Theory]
    [InlineData("ftp://example.org/feed")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task A_url_that_is_not_http_is_refused(string url)
    {
        using var response = await Client.PostAsJsonAsync("/api/feeds", new { url });

        Assert.True((await response.ReadProblemAsync(400)).GetProperty("errors").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task A_failing_feed_is_listed_with_its_last_error()
    {
        var url = server.UrlOf("gazette.xml").AbsoluteUri;
        using var _ = await Client.PostAsJsonAsync("/api/feeds", new { url });
        server.Handle("gazette.xml", context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await host.Get<PollFeedHandler>().HandleAsync(ArticleIdentity.ForFeed(url), CancellationToken.None);

        var page = await host.GetJsonAsync("/api/feeds");
        var health = await host.GetJsonAsync("/api/health");

        var listed = page.GetProperty("items")[0].GetProperty("health");
        Assert.Equal("HTTP 503", listed.GetProperty("lastError").GetString());
        Assert.Equal(1, listed.GetProperty("consecutiveFailures").GetInt32());
        Assert.False(listed.GetProperty("isHealthy").GetBoolean());
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("feeds").GetProperty("unhealthy").GetInt32());
        Assert.Equal("HTTP 503", health.GetProperty("unhealthyFeeds")[0].GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task A_feed_can_be_renamed_disabled_and_deleted_but_its_url_cannot_change()
    {
        var url = server.UrlOf("gazette.xml").AbsoluteUri;
        var id = ArticleIdentity.ForFeed(url);
        using var _ = await Client.PostAsJsonAsync("/api/feeds", new { url });

        using var updated = await Client.PutAsJsonAsync($"/api/feeds/{id}", new { title = "Gazette", enabled = false, interval = "01:00:00" });
        var stored = await host.Get<IFeedStore>().GetFeedAsync(id);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(("Gazette", false, TimeSpan.FromHours(1)), (stored!.Title, stored.Enabled, stored.Interval));
        var shown = await host.GetJsonAsync($"/api/feeds/{id}");
        Assert.Equal(("Gazette", url, "01:00:00"), (shown.GetProperty("title").GetString(), shown.GetProperty("url").GetString(), shown.GetProperty("interval").GetString()));

        using var moved = await Client.PutAsJsonAsync($"/api/feeds/{id}", new { url = "https://elsewhere.example/feed" });
        await moved.ReadProblemAsync(400);
        using var tooOften = await Client.PutAsJsonAsync($"/api/feeds/{id}", new { interval = "00:00:05" });
        await tooOften.ReadProblemAsync(400);

        using var deleted = await Client.DeleteAsync($"/api/feeds/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await Client.GetAsync($"/api/feeds/{id}");
        await gone.ReadProblemAsync(404);
    }

    [Fact]
    public async Task A_feed_is_filed_in_a_folder_moved_and_taken_out_of_it()
    {
        var url = server.UrlOf("gazette.xml").AbsoluteUri;
        var id = ArticleIdentity.ForFeed(url);

        using var added = await Client.PostAsJsonAsync("/api/feeds", new { url, folder = " News / France " });
        Assert.Equal("News/France", (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("folder").GetString());
        Assert.Equal("News/France", (await host.GetJsonAsync("/api/feeds")).GetProperty("items")[0].GetProperty("folder").GetString());

        using var renamed = await Client.PutAsJsonAsync($"/api/feeds/{id}", new { title = "Gazette" });
        Assert.Equal("News/France", (await host.Get<IFeedStore>().GetFeedAsync(id))!.Folder);

        using var moved = await Client.PutAsJsonAsync($"/api/feeds/{id}", new { folder = "EU policy" });
        Assert.Equal("EU policy", (await host.GetJsonAsync($"/api/feeds/{id}")).GetProperty("folder").GetString());

        using var topLevel = await Client.PutAsJsonAsync($"/api/feeds/{id}", new { folder = "" });
        Assert.Equal(HttpStatusCode.OK, topLevel.StatusCode);
        Assert.Null((await host.Get<IFeedStore>().GetFeedAsync(id))!.Folder);
    }

    [Theory]
    [InlineData("News\nFrance", "control characters")]
    [InlineData("Tech\u0007", "control characters")]
    [InlineData("", "at most 200", 201)]
    public async Task A_bad_folder_is_refused_with_the_reason(string folder, string reason, int padding = 0)
    {
        var url = server.UrlOf("gazette.xml").AbsoluteUri;
        folder += new string('x', padding);

        using var response = await Client.PostAsJsonAsync("/api/feeds", new { url, folder });

        var problem = await response.ReadProblemAsync(400);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("folder")[0].GetString());
        Assert.Empty(await host.Get<IFeedStore>().ListFeedsAsync());
    }

    [Fact]
    public async Task Adding_a_feed_twice_is_a_conflict()
    {
        var url = server.UrlOf("gazette.xml").AbsoluteUri;
        using var first = await Client.PostAsJsonAsync("/api/feeds", new { url });

        using var second = await Client.PostAsJsonAsync("/api/feeds", new { url });

        await second.ReadProblemAsync(409);
    }

    [Fact]
    public async Task Opml_round_trips_and_a_broken_file_changes_nothing()
    {
        const string opml = """
            <?xml version="1.0" encoding="utf-8"?>
            <opml version="2.0"><head><title>mine</title></head><body>
              <outline text="Tech"><outline type="rss" text="One" xmlUrl="https://one.example/feed" /></outline>
              <outline type="rss" text="Two" xmlUrl="https://two.example/rss" htmlUrl="https://two.example/" />
            </body></opml>
            """;
        using var import = await Client.PutAsync("/api/feeds/opml", new StringContent(opml, Encoding.UTF8, "text/x-opml"));
        Assert.Equal(2, (await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());
        var listed = (await host.GetJsonAsync("/api/feeds")).GetProperty("items").EnumerateArray().ToDictionary(f => f.GetProperty("url").GetString()!);
        Assert.Equal("Tech", listed["https://one.example/feed"].GetProperty("folder").GetString());
        Assert.False(listed["https://two.example/rss"].TryGetProperty("folder", out var none) && none.ValueKind != JsonValueKind.Null);

        using var export = await Client.GetAsync("/api/feeds/opml");
        var exported = await export.Content.ReadAsStringAsync();
        Assert.Contains("xmlUrl=\"https://one.example/feed\"", exported);
        Assert.Contains("htmlUrl=\"https://two.example/\"", exported);
        Assert.Equal(
            [new OpmlFeed("https://one.example/feed", "One", null, "Tech"), new OpmlFeed("https://two.example/rss", "Two", "https://two.example/")],
            OpmlFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(exported))));

        using var broken = await Client.PutAsync("/api/feeds/opml?replace=true", new StringContent("<opml><body><outline xmlUrl=\"javascript:alert(1)\"/></body></opml>", Encoding.UTF8, "text/x-opml"));
        Assert.Contains("not an http(s) URL", (await broken.ReadProblemAsync(400)).Detail());
        Assert.Equal(2, (await host.Get<IFeedStore>().ListFeedsAsync()).Count);
    }

    [Fact]
    public async Task Importing_a_file_again_moves_known_feeds_to_its_folders()
    {
        const string before = """<opml version="2.0"><body><outline text="Tech"><outline text="One" xmlUrl="https://one.example/feed" /></outline></body></opml>""";
        const string after = """<opml version="2.0"><body><outline text="News"><outline text="Tech"><outline xmlUrl="https://one.example/feed" /></outline></outline></body></opml>""";
        using var first = await Client.PutAsync("/api/feeds/opml", new StringContent(before, Encoding.UTF8, "text/x-opml"));

        using var second = await Client.PutAsync("/api/feeds/opml", new StringContent(after, Encoding.UTF8, "text/x-opml"));

        var feed = Assert.Single(await host.Get<IFeedStore>().ListFeedsAsync());
        Assert.Equal(("One", "News/Tech"), (feed.Title, feed.Folder));
    }

    [Fact]
    public async Task Opml_import_with_replace_removes_the_feeds_not_in_the_file()
    {
        await host.Get<IFeedStore>().UpsertFeedAsync(new FeedSource { Id = ArticleIdentity.ForFeed("https://old.example/feed"), Url = "https://old.example/feed" });
        const string opml = """<opml version="2.0"><body><outline xmlUrl="https://new.example/feed" /></body></opml>""";

        // Sent as curl --data-binary would, with no OPML content type: accepted all the same.
        using var import = await Client.PutAsync("/api/feeds/opml?replace=true", new ByteArrayContent(Encoding.UTF8.GetBytes(opml)));

        Assert.Equal(1, (await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("removed").GetInt32());
        Assert.Equal(["https://new.example/feed"], (await host.Get<IFeedStore>().ListFeedsAsync()).Select(f => f.Url));
    }

    [Fact]
    public async Task Poll_now_queues_every_enabled_feed_or_the_one_named()
    {
        var feeds = host.Get<IFeedStore>();
        await feeds.UpsertFeedAsync(new FeedSource { Id = "f1", Url = "https://one.example/feed" });
        await feeds.UpsertFeedAsync(new FeedSource { Id = "f2", Url = "https://two.example/feed" });
        await feeds.UpsertFeedAsync(new FeedSource { Id = "off", Url = "https://off.example/feed", Enabled = false });
        var queue = host.Get<IQueueReceiver>();

        using var all = await Client.PostAsync("/api/feeds/poll", null);
        Assert.Equal(HttpStatusCode.Accepted, all.StatusCode);
        Assert.Equal(2, (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32());
        Assert.Equal(2, await queue.CountAsync(QueueNames.FeedPolls));

        using var one = await Client.PostAsync("/api/feeds/f2/poll", null);
        Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);
        Assert.Equal(1, (await one.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32());
        Assert.Equal(3, await queue.CountAsync(QueueNames.FeedPolls));

        using var unknown = await Client.PostAsync("/api/feeds/nope/poll", null);
        await unknown.ReadProblemAsync(404);
    }
}
