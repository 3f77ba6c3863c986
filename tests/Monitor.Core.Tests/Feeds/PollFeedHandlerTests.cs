using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Storage.InProcess;

namespace NewsMonitor.Tests.Feeds;

/// <summary>Polling through the real stack (Kestrel, HTTP client, parser, SQLite store, in-process queue): what the store and the health say afterwards.</summary>
public sealed class PollFeedHandlerTests : LoopbackFeedTest
{
    private IFeedStore Feeds => Services.GetRequiredService<IFeedStore>();

    private IArticleStore Articles => Services.GetRequiredService<IArticleStore>();

    [Fact]
    public async Task Broken_and_hostile_feeds_fail_alone_with_readable_reasons_and_the_cycle_goes_on()
    {
        Server.ServeBytes("good.xml", Fixture.Bytes("fr-windows-1252.xml"), "application/rss+xml");
        Server.ServeBytes("page.html", Fixture.Bytes("html-page.html"), "text/html; charset=utf-8");
        Server.ServeBytes("bomb.xml", Fixture.Bytes("billion-laughs.xml"), "application/xml");
        Server.ServeBytes("cut.xml", Fixture.Bytes("truncated.xml"), "application/xml");
        Server.NeverAnswer("silent.xml");
        Server.SendForever("endless.xml");
        Server.Redirect("loop.xml", "/loop.xml");
        Server.Redirect("metadata.xml", "http://169.254.169.254/latest/meta-data/");
        foreach (var path in new[] { "good.xml", "page.html", "bomb.xml", "cut.xml", "silent.xml", "endless.xml", "loop.xml", "metadata.xml", "gone.xml" })
        {
            await AddFeedAsync(path);
        }

        // Short enough for the silent server, long enough for the good feed on a busy machine.
        await using var impatient = ServicesWith(new Dictionary<string, string?> { ["Feeds:Timeout"] = "00:00:03" });
        var report = await impatient.GetRequiredService<CycleRunner>().RunAsync(default);

        Assert.Equal(9, report.Polls.Count);
        Assert.True(report.FeedsFailed == 7, string.Join("\n", report.Polls.Select(p => $"{p.Url}: {p.Status} {p.Error}")));
        Assert.Equal(0, report.Poisoned);
        Assert.Equal(3, report.NewArticles);
        var errors = (await Feeds.ListFeedsAsync()).ToDictionary(f => new Uri(f.Url).AbsolutePath, f => f.Health.LastError);
        Assert.Null(errors["/good.xml"]);
        Assert.StartsWith($"this is a web page, not a feed; the feed it links to could not be read (tried {Server.UrlOf("feed.xml").AbsoluteUri}, ", errors["/page.html"]);
        Assert.Null(errors["/bomb.xml"]); // read without its DTD: no entity is expanded
        Assert.StartsWith("XML error at line 5", errors["/cut.xml"]);
        Assert.Equal("timed out after 3 s", errors["/silent.xml"]);
        Assert.Equal("too large: more than 65536 bytes", errors["/endless.xml"]);
        Assert.Equal("HTTP 302: too many redirects (more than 5)", errors["/loop.xml"]);
        Assert.StartsWith("refused: 169.254.169.254", errors["/metadata.xml"]);
        Assert.Equal("HTTP 404", errors["/gone.xml"]);
    }

    [Fact]
    public async Task A_feed_redirecting_to_a_file_is_marked_failed_with_the_reason_and_not_poisoned()
    {
        Server.Redirect("moved.xml", "file:///etc/passwd");
        Server.Redirect("broken.xml", "http://[::1");
        var moved = await AddFeedAsync("moved.xml");
        var broken = await AddFeedAsync("broken.xml");

        var report = await Services.GetRequiredService<CycleRunner>().RunAsync(default);

        Assert.Equal((2, 0), (report.FeedsFailed, report.Poisoned));
        var movedHealth = (await Feeds.GetFeedAsync(moved.Id))!.Health;
        Assert.Equal(("redirected to a file: URL", 1), (movedHealth.LastError, movedHealth.ConsecutiveFailures));
        Assert.Equal("redirect with an invalid Location: http://[::1", (await Feeds.GetFeedAsync(broken.Id))!.Health.LastError);
    }

    [Fact]
    public async Task A_failing_feed_backs_off_keeps_being_tried_and_one_success_resets_it()
    {
        var feed = await AddFeedAsync("flaky.xml");
        var handler = Services.GetRequiredService<PollFeedHandler>();
        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await handler.HandleAsync(feed.Id, default);
            var health = (await Feeds.GetFeedAsync(feed.Id))!.Health;
            Assert.Equal(attempt, health.ConsecutiveFailures);
            Assert.Equal("HTTP 404", health.LastError);
            Assert.Equal(Clock.GetUtcNow(), health.LastAttemptAt);
            waits.Add(health.NextCheckAt!.Value - Clock.GetUtcNow());
            Clock.Advance(waits[^1]);
        }

        Server.Serve("flaky.xml", "<rss version=\"2.0\"><channel><title>back</title></channel></rss>");
        var outcome = await handler.HandleAsync(feed.Id, default);

        Assert.Equal(PollStatus.NothingNew, outcome.Status);
        var healed = (await Feeds.GetFeedAsync(feed.Id))!.Health;
        Assert.Equal(0, healed.ConsecutiveFailures);
        Assert.Null(healed.LastError);
        Assert.Equal(Clock.GetUtcNow(), healed.LastSuccessAt);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(15), healed.NextCheckAt);
        for (var i = 0; i < waits.Count; i++)
        {
            Assert.InRange(waits[i].TotalMinutes, 5 * Math.Pow(2, i) * 0.8, 5 * Math.Pow(2, i) * 1.2);
        }
    }

    [Fact]
    public async Task A_304_costs_no_parsing_keeps_the_validators_and_the_feed_ttl_still_stretches_the_interval()
    {
        var body = NewsMonitor.Feeds.FeedTextDecoder.Decode(Fixture.Bytes("fr-windows-1252.xml"), null).Replace("windows-1252", "utf-8", StringComparison.Ordinal);
        Server.ServeConditional("feed.xml", body, "\"abc\"", Clock.GetUtcNow().AddDays(-1));
        var feed = await AddFeedAsync("feed.xml");
        var handler = Services.GetRequiredService<PollFeedHandler>();

        var first = await handler.HandleAsync(feed.Id, default);
        Clock.Advance(TimeSpan.FromHours(1));
        var second = await handler.HandleAsync(feed.Id, default);

        Assert.Equal(PollStatus.NewItems, first.Status);
        Assert.Equal(PollStatus.NotModified, second.Status);
        var stored = (await Feeds.GetFeedAsync(feed.Id))!;
        Assert.Equal("\"abc\"", stored.ETag);
        Assert.Equal(TimeSpan.FromMinutes(60), stored.TimeToLive);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(60), stored.Health.NextCheckAt);
        Assert.Equal("La Gazette numérique", stored.Title);
        Assert.Equal("https://gazette.example.fr/", stored.SiteUrl);
    }

    [Fact]
    public async Task Retry_After_on_a_429_sets_the_next_attempt()
    {
        Server.Handle("busy.xml", context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "7200";
            return Task.CompletedTask;
        });
        var feed = await AddFeedAsync("busy.xml");

        await Services.GetRequiredService<PollFeedHandler>().HandleAsync(feed.Id, default);

        var health = (await Feeds.GetFeedAsync(feed.Id))!.Health;
        Assert.Equal(Clock.GetUtcNow().AddHours(2), health.NextCheckAt);
        Assert.Equal("HTTP 429 (asked to retry after 7200 s)", health.LastError);
    }

    [Fact]
    public async Task The_same_article_in_two_feeds_or_with_tracking_parameters_is_stored_once()
    {
        Server.Serve("a.xml", Rss(("One", "https://news.example.com/2026/one"), ("Two", "https://news.example.com/2026/two?b=2&a=1")));
        Server.Serve("b.xml", Rss(("One again", "http://NEWS.example.com/2026/one?utm_source=rss&utm_medium=feed#top"), ("Two again", "https://news.example.com/2026/two?a=1&fbclid=x&b=2")));
        var a = await AddFeedAsync("a.xml");
        var b = await AddFeedAsync("b.xml");
        var handler = Services.GetRequiredService<PollFeedHandler>();

        var first = await handler.HandleAsync(a.Id, default);
        var second = await handler.HandleAsync(b.Id, default);

        Assert.Equal(2, first.NewArticles);
        Assert.Equal(0, second.NewArticles);
        Assert.Equal(2, (await Articles.ListRecentArticlesAsync(10)).Count);
        Assert.Equal(2, ArticleBatchMessage.Parse(Assert.Single(Services.GetRequiredService<InProcessQueue>().Peek(QueueNames.Articles))).Ids.Count);
    }

    [Fact]
    public async Task A_story_retold_by_another_outlet_shares_its_story_key_and_other_stories_do_not()
    {
        var stories = StoryFixtures.Load();
        var (original, retold) = stories.FirstPair();
        var unrelated = stories.Items.First(i => i.Story != original.Story);
        Server.Serve("wire.xml", Rss((original.Title, "https://wire.example.com/1", original.Text), (unrelated.Title, "https://wire.example.com/2", unrelated.Text)));
        Server.Serve("paper.xml", Rss((retold.Title, "https://paper.example.org/retold", retold.Text)));
        var handler = Services.GetRequiredService<PollFeedHandler>();

        await handler.HandleAsync((await AddFeedAsync("wire.xml")).Id, default);
        await handler.HandleAsync((await AddFeedAsync("paper.xml")).Id, default);

        var byUrl = (await Articles.ListRecentArticlesAsync(10)).ToDictionary(a => a.Url);
        var first = byUrl["https://wire.example.com/1"];
        Assert.Equal(first.Id, first.StoryKey);
        Assert.Equal(first.StoryKey, byUrl["https://paper.example.org/retold"].StoryKey);
        Assert.Equal(byUrl["https://wire.example.com/2"].Id, byUrl["https://wire.example.com/2"].StoryKey);
    }

    [Fact]
    public async Task Story_keys_survive_a_restart_because_the_index_warms_from_the_store()
    {
        var (original, retold) = StoryFixtures.Load().FirstPair();
        Server.Serve("wire.xml", Rss((original.Title, "https://wire.example.com/1", original.Text)));
        Server.Serve("paper.xml", Rss((retold.Title, "https://paper.example.org/retold", retold.Text)));
        await Services.GetRequiredService<PollFeedHandler>().HandleAsync((await AddFeedAsync("wire.xml")).Id, default);
        var paper = await AddFeedAsync("paper.xml");

        await using var restarted = ServicesWith(new Dictionary<string, string?>());
        await restarted.GetRequiredService<PollFeedHandler>().HandleAsync(paper.Id, default);

        var keys = (await restarted.GetRequiredService<IArticleStore>().ListRecentArticlesAsync(10)).Select(a => a.StoryKey).Distinct();
        Assert.Single(keys);
    }

    private async Task<FeedSource> AddFeedAsync(string path)
    {
        var url = Server.UrlOf(path).AbsoluteUri;
        var feed = new FeedSource { Id = NewsMonitor.Feeds.ArticleIdentity.ForFeed(url), Url = url };
        await Feeds.UpsertFeedAsync(feed);
        return feed;
    }

    private static string Rss(params (string Title, string Link)[] items) => Rss(items.Select(i => (i.Title, i.Link, "")).ToArray());

    private static string Rss(params (string Title, string Link, string Text)[] items) =>
        "<rss version=\"2.0\"><channel><title>t</title>"
        + string.Concat(items.Select(i => $"<item><title>{System.Security.SecurityElement.Escape(i.Title)}</title><link>{System.Security.SecurityElement.Escape(i.Link)}</link><description>{System.Security.SecurityElement.Escape(i.Text)}</description></item>"))
        + "</channel></rss>";
}
