using Microsoft.Playwright;
using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Testing;
using NewsMonitor.Tests.Api;
using static Microsoft.Playwright.Assertions;

namespace NewsMonitor.Tests.Web;

/// <summary>The page as a person uses it, in headless Chromium against the Server on 127.0.0.1.</summary>
public sealed class WebPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private ApiHost host = null!;
    private FeedServer feeds = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        feeds = await FeedServer.StartAsync();
        host = await ApiHost.StartAsync(kestrel: true);
        page = await chromium.NewPageAsync();
        var articles = host.Get<IArticleStore>();
        var now = host.Clock.GetUtcNow();
        await articles.TryAddArticleAsync(new Article { Id = "a1", FeedId = "f", Url = "https://news.example/ai", Title = "Mistral AI lève des fonds", Summary = "La start-up française annonce un tour de table.", FetchedAt = now, Source = "La Gazette" });
        await articles.TryAddArticleAsync(new Article { Id = "a2", FeedId = "f", Url = "https://news.example/vent", Title = "Le mistral souffle sur la vallée du Rhône", Summary = "Rafales de vent attendues.", FetchedAt = now.AddMinutes(-5), Source = "Météo" });
    }

    public async Task DisposeAsync()
    {
        await page.Context.CloseAsync();
        await host.DisposeAsync();
        await feeds.DisposeAsync();
    }

    [Fact]
    public async Task Typing_a_query_shows_the_matches_highlighted_and_saving_adds_the_term()
    {
        await page.GotoAsync(host.BaseAddress.AbsoluteUri);
        var form = page.Locator("#term-form");

        await form.GetByLabel("Name").FillAsync("Mistral");
        await form.GetByLabel("Query").FillAsync("Mistral");
        await Expect(page.Locator("#test-results li")).ToHaveCountAsync(2);

        await form.GetByLabel("Query").FillAsync("Mistral -vent");
        await Expect(page.Locator("#test-results li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#test-results li mark").First).ToHaveTextAsync("Mistral");
        await Expect(page.Locator("#test-results li .title")).ToHaveTextAsync("Mistral AI lève des fonds");
        await Expect(page.Locator("#test-summary")).ToContainTextAsync("1 of 2 articles match");
        await ChromiumFixture.ScreenshotAsync(page, "terms");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save term" }).ClickAsync();

        await Expect(page.Locator("#terms-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#terms-table tbody")).ToContainTextAsync("Mistral -vent");
        Assert.Equal("Mistral -vent", (await host.Get<ITermStore>().GetTermAsync("mistral"))?.Query);
    }

    [Fact]
    public async Task Editing_a_term_shows_the_articles_subscribers_marked_not_relevant_and_whether_the_query_still_matches_them()
    {
        await host.SeedTermsAsync(new WatchTerm { Id = "mistral", Name = "Mistral", Query = "Mistral" });
        var feedback = host.Get<IFeedbackStore>();
        foreach (var subscriber in new[] { "ana", "bob" })
        {
            await feedback.TryAddFeedbackAsync(new ArticleFeedback(subscriber, "mistral", "a2", "https://news.example/vent", "Le mistral souffle sur la vallée du Rhône", host.Clock.GetUtcNow()));
        }

        await page.GotoAsync(host.BaseAddress.AbsoluteUri);
        await page.Locator("#terms-table tbody tr").GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();

        var example = page.Locator("#test-excluded li");
        await Expect(example).ToHaveCountAsync(1);
        await Expect(example.Locator(".title")).ToHaveTextAsync("Le mistral souffle sur la vallée du Rhône");
        await Expect(example).ToContainTextAsync("flagged by 2 subscribers");
        await Expect(example.Locator(".badge")).ToHaveTextAsync("still matches");

        await page.Locator("#term-form").GetByLabel("Query").FillAsync("Mistral -vent");
        await Expect(example.Locator(".badge")).ToHaveTextAsync("no longer matches");
    }

    [Fact]
    public async Task The_term_tester_never_makes_a_link_of_a_javascript_url()
    {
        // Stored before links were checked on the way in: the server leaves it out of its answer.
        await host.Get<IArticleStore>().TryAddArticleAsync(new Article { Id = "js", FeedId = "f", Url = "javascript:alert(1)", Title = "Scripted Mistral", FetchedAt = host.Clock.GetUtcNow() });
        await page.GotoAsync(host.BaseAddress.AbsoluteUri);
        var form = page.Locator("#term-form");
        await form.GetByLabel("Query").FillAsync("Scripted");

        await Expect(page.Locator("#test-results li .title")).ToHaveTextAsync("Scripted Mistral");
        await Expect(page.Locator("#test-results a")).ToHaveCountAsync(0);

        // And the page itself refuses one, whatever an answer says.
        await page.RouteAsync("**/api/terms/test", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = """{"query":"x","matchCase":false,"explained":"x","tested":1,"matches":[{"articleId":"js","url":" javascript:alert(1)","title":[{"text":"Forged","hit":false}],"excerpt":[],"highlights":[]}]}""",
        }));
        await form.GetByLabel("Query").FillAsync("Forged");

        await Expect(page.Locator("#test-results li .title")).ToHaveTextAsync("Forged");
        await Expect(page.Locator("#test-results a")).ToHaveCountAsync(0);
        Assert.Equal(0, await page.Locator("[href*='javascript:']").CountAsync());
    }

    [Fact]
    public async Task Given_text_is_highlighted_and_an_invalid_query_points_at_the_error()
    {
        await page.GotoAsync(host.BaseAddress.AbsoluteUri);

        await page.GetByLabel("This text").CheckAsync();
        await page.Locator("#test-text").FillAsync("Le vote de l’IA Act est reporté.");
        await page.Locator("#term-form").GetByLabel("Query").FillAsync("\"IA Act\"");
        await Expect(page.Locator("#test-results mark")).ToHaveTextAsync("IA Act");

        await page.Locator("#term-form").GetByLabel("Query").FillAsync("\"IA Act\" AND (");
        await Expect(page.Locator("#query-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#query-error")).ToContainTextAsync("position");
        await Expect(page.Locator("#test-results li")).ToHaveCountAsync(0);
        await ChromiumFixture.ScreenshotAsync(page, "query-error");

        await page.Locator("#term-form").GetByLabel("Name").FillAsync("AI Act");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save term" }).ClickAsync();
        await Expect(page.Locator("#query-error")).ToContainTextAsync("position");
        Assert.Empty(await host.Get<ITermStore>().ListTermsAsync());
    }

    [Fact]
    public async Task Given_text_that_does_not_match_shows_why_part_by_part()
    {
        await page.GotoAsync(host.BaseAddress.AbsoluteUri);

        await page.GetByLabel("This text").CheckAsync();
        await page.Locator("#test-text").FillAsync("Le vent souffle sur Mistral. La Commission a infligé hier à Apple une amende.");
        await page.Locator("#term-form").GetByLabel("Query").FillAsync("Mistral NOT NEAR/3 vent OR Commission NEAR/3 amende");

        var explanation = page.Locator("#test-explanation");
        await Expect(explanation).ToBeVisibleAsync();
        await Expect(page.Locator("#test-summary")).ToContainTextAsync("no match");
        var notNear = explanation.GetByText("NOT NEAR/3(mistral, vent)", new() { Exact = true }).Locator("xpath=..");
        await Expect(notNear).ToHaveClassAsync("false");
        await Expect(notNear.Locator(":scope > .detail")).ToHaveTextAsync("“Mistral” (content 20) excluded by “vent” (content 3)");
        var near = explanation.GetByText("NEAR/3(commission, amende)", new() { Exact = true }).Locator("xpath=..");
        await Expect(near).ToHaveClassAsync("false");
        await Expect(near).ToContainTextAsync("6 words apart");
        await Expect(near).ToContainTextAsync("at most 3 allowed");
        await ChromiumFixture.ScreenshotAsync(page, "term-explanation");

        await page.Locator("#term-form").GetByLabel("Query").FillAsync("Mistral NOT NEAR/1 vent");
        await Expect(explanation.GetByText("NOT NEAR/1(mistral, vent)", new() { Exact = true }).Locator("xpath=..")).ToHaveClassAsync("true");
        await page.Locator("input[name=test-source][value=articles]").CheckAsync();
        await Expect(explanation).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Adding_a_subscriber_lists_them_and_an_invalid_email_is_explained()
    {
        await page.GotoAsync(host.BaseAddress.AbsoluteUri + "#subscribers");
        var form = page.Locator("#subscriber-form");

        await form.GetByLabel("Email").FillAsync("ana@localhost");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save subscriber" }).ClickAsync();
        await Expect(page.Locator("#subscriber-error")).ToContainTextAsync("is not a valid address");

        await form.GetByLabel("Email").FillAsync("ana@example.org");
        await form.GetByLabel("Name").FillAsync("Ana");
        await form.GetByLabel("Cadence").SelectOptionAsync("weekly");
        await form.GetByLabel("Day").SelectOptionAsync("friday");
        await form.GetByLabel("Time zone").FillAsync("Europe/Paris");
        await form.GetByLabel("Language").SelectOptionAsync("en");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save subscriber" }).ClickAsync();

        var row = page.Locator("#subscribers-table tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("ana@example.org");
        await Expect(row).ToContainTextAsync("fridays at 08:00");
        await Expect(row).ToContainTextAsync("Europe/Paris");
        await ChromiumFixture.ScreenshotAsync(page, "subscribers");
        var stored = await host.Get<ISubscriberStore>().GetSubscriberAsync("ana");
        Assert.Equal((Cadence.Weekly, DayOfWeek.Friday, "Europe/Paris", "en"), (stored!.Cadence, stored.Day, stored.TimeZone, stored.Language));
    }

    [Fact]
    public async Task A_failing_feed_shows_its_error_and_a_url_that_is_not_a_feed_is_refused()
    {
        feeds.Handle("broken.xml", context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        feeds.Serve("good.xml", """<rss version="2.0"><channel><title>Good Feed</title><item><title>x</title><link>https://good.example/x</link></item></channel></rss>""");
        var broken = feeds.UrlOf("broken.xml").AbsoluteUri;
        await host.Get<IFeedStore>().UpsertFeedAsync(new FeedSource { Id = ArticleIdentity.ForFeed(broken), Url = broken, Title = "Broken Feed" });
        await host.Get<PollFeedHandler>().HandleAsync(ArticleIdentity.ForFeed(broken), CancellationToken.None);

        await page.GotoAsync(host.BaseAddress.AbsoluteUri + "#feeds");

        var row = page.Locator("#feeds-table tbody tr", new() { HasText = "Broken Feed" });
        await Expect(row).ToContainTextAsync("failing ×1");
        await Expect(row).ToContainTextAsync("HTTP 500");
        await Expect(page.Locator("#health")).ToHaveTextAsync("1 of 1 feeds failing");

        await page.GetByLabel("Feed URL").FillAsync(feeds.UrlOf("missing.xml").AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add feed" }).ClickAsync();
        await Expect(page.Locator("#feed-error")).ToContainTextAsync("HTTP 404");

        await page.GetByLabel("Feed URL").FillAsync(feeds.UrlOf("good.xml").AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add feed" }).ClickAsync();
        await Expect(page.Locator("#feeds-table tbody tr", new() { HasText = "Good Feed" })).ToContainTextAsync("not polled yet");
        await ChromiumFixture.ScreenshotAsync(page, "feeds");
    }

    [Fact]
    public async Task A_site_address_imported_as_a_feed_shows_the_feed_found_at_its_first_poll()
    {
        feeds.Serve("gazette/", """<html><head><link rel="alternate" type="application/rss+xml" href="/gazette.xml"></head><body/></html>""", "text/html");
        feeds.Serve("gazette.xml", """<rss version="2.0"><channel><title>Gazette</title><item><title>x</title><link>https://gazette.example/x</link></item></channel></rss>""");
        var site = feeds.UrlOf("gazette/").AbsoluteUri;
        var feed = feeds.UrlOf("gazette.xml").AbsoluteUri;
        await host.Get<IFeedStore>().UpsertFeedAsync(new FeedSource { Id = ArticleIdentity.ForFeed(site), Url = site, Title = "Site Gazette" });
        await host.Get<PollFeedHandler>().HandleAsync(ArticleIdentity.ForFeed(site), CancellationToken.None);

        await page.GotoAsync(host.BaseAddress.AbsoluteUri + "#feeds");

        var row = page.Locator("#feeds-table tbody tr", new() { HasText = "Site Gazette" });
        await Expect(row.Locator(".badge")).ToHaveTextAsync("ok");
        await Expect(row.Locator(".url")).ToHaveTextAsync(feed);
        await Expect(row.Locator(".note-text")).ToContainTextAsync($"site URL {site} → feed {feed} found by discovery on ");
    }

    [Fact]
    public async Task A_site_address_adds_its_feed_says_which_and_offers_the_others()
    {
        feeds.Serve("site/", """
            <html><head><link rel="alternate" type="application/rss+xml" title="All news" href="/news.xml">
            <link rel="alternate" type="application/rss+xml" title="Sport only" href="/sport.xml"></head><body/></html>
            """, "text/html");
        feeds.Serve("news.xml", """<rss version="2.0"><channel><title>All News</title><item><title>x</title><link>https://news.example/x</link></item></channel></rss>""");
        feeds.Serve("sport.xml", """<rss version="2.0"><channel><title>Sport Feed</title><item><title>y</title><link>https://news.example/y</link></item></channel></rss>""");
        await page.GotoAsync(host.BaseAddress.AbsoluteUri + "#feeds");

        await page.GetByLabel("Feed URL").FillAsync(feeds.UrlOf("site/").AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add feed" }).ClickAsync();

        await Expect(page.Locator("#notice")).ToContainTextAsync($"Found {feeds.UrlOf("news.xml").AbsoluteUri} (announced by the page");
        await Expect(page.Locator("#feeds-table tbody tr", new() { HasText = "All News" })).ToBeVisibleAsync();
        var offered = page.Locator("#feed-alternatives li", new() { HasText = "Sport only" });
        await offered.GetByRole(AriaRole.Button, new() { Name = "Add this one too" }).ClickAsync();
        await Expect(page.Locator("#feeds-table tbody tr", new() { HasText = "Sport Feed" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Feeds_are_grouped_by_folder_and_can_be_filed_in_one_when_added_or_later()
    {
        feeds.Serve("good.xml", """<rss version="2.0"><channel><title>Good Feed</title><item><title>x</title><link>https://good.example/x</link></item></channel></rss>""");
        var store = host.Get<IFeedStore>();
        await store.UpsertFeedAsync(new FeedSource { Id = "loose", Url = "https://loose.example/feed", Title = "Loose Feed" });
        await store.UpsertFeedAsync(new FeedSource { Id = "band", Url = "https://band.example/feed", Title = "Band Feed", Folder = @"Music/AC\/DC" });

        await page.GotoAsync(host.BaseAddress.AbsoluteUri + "#feeds");
        var rows = page.Locator("#feeds-table tbody tr");
        await Expect(rows).ToHaveCountAsync(4);
        Assert.Equal(["Music › AC/DC", "Band Feed", "No folder", "Loose Feed"], (await rows.AllInnerTextsAsync()).Select(FirstLine));

        await page.GetByLabel("Feed URL").FillAsync(feeds.UrlOf("good.xml").AbsoluteUri);
        await page.GetByLabel("Folder").FillAsync(" EU policy ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add feed" }).ClickAsync();

        await Expect(rows).ToHaveCountAsync(6);
        Assert.Equal(["EU policy", "Good Feed", "Music › AC/DC", "Band Feed", "No folder", "Loose Feed"], (await rows.AllInnerTextsAsync()).Select(FirstLine));
        Assert.Equal("EU policy", (await store.GetFeedAsync(ArticleIdentity.ForFeed(feeds.UrlOf("good.xml").AbsoluteUri)))?.Folder);
        await ChromiumFixture.ScreenshotAsync(page, "feed-folders");

        // An existing feed moves to a folder there is, and another out of every folder.
        await rows.Filter(new() { HasText = "Loose Feed" }).GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await page.GetByLabel("Folder of Loose Feed").FillAsync(@"Music/AC\/DC");
        await ChromiumFixture.ScreenshotAsync(page, "feed-move");
        await rows.Filter(new() { HasText = "Loose Feed" }).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(5);
        Assert.Equal(["EU policy", "Good Feed", "Music › AC/DC", "Band Feed", "Loose Feed"], (await rows.AllInnerTextsAsync()).Select(FirstLine));

        await rows.Filter(new() { HasText = "Good Feed" }).GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await page.GetByLabel("Folder of Good Feed").FillAsync("");
        await rows.Filter(new() { HasText = "Good Feed" }).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(rows.First).ToContainTextAsync("Music › AC/DC");
        await Expect(rows).ToHaveCountAsync(5);
        Assert.Equal(["Music › AC/DC", "Band Feed", "Loose Feed", "No folder", "Good Feed"], (await rows.AllInnerTextsAsync()).Select(FirstLine));
        Assert.Equal((@"Music/AC\/DC", (string?)null), ((await store.GetFeedAsync("loose"))?.Folder, (await store.GetFeedAsync(ArticleIdentity.ForFeed(feeds.UrlOf("good.xml").AbsoluteUri)))?.Folder));

        static string FirstLine(string text) => text.Split('\n')[0].Trim();
    }

    [Fact]
    public async Task The_preview_shows_the_next_digest_styled_as_it_will_be_sent()
    {
        await host.SeedTermsAsync(new WatchTerm { Id = "mistral", Name = "Mistral", Query = "Mistral -vent" });
        await host.Get<ISubscriberStore>().UpsertSubscriberAsync(new Subscriber { Id = "ana", Email = "ana@example.org", Name = "Ana" });
        await host.Get<MatchArticleHandler>().HandleAsync("a1", CancellationToken.None);

        await page.GotoAsync(host.BaseAddress.AbsoluteUri + "#subscribers");
        await page.Locator("#subscribers-table tbody tr", new() { HasText = "Ana" }).GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var digest = page.FrameLocator("#preview-frame");
        await Expect(digest.Locator("h1")).ToHaveTextAsync("Mistral AI lève des fonds");
        await Expect(digest.Locator("a", new() { HasText = "Mistral AI lève des fonds" })).ToBeVisibleAsync();

        // The digest's inline styles apply inside the page's content security policy.
        await Expect(digest.Locator("h1")).ToHaveCSSAsync("font-size", "20px");
        await ChromiumFixture.ScreenshotAsync(page, "preview");
    }

    [Fact]
    public async Task With_a_key_configured_the_page_asks_for_it_and_works_once_given()
    {
        await using var keyed = await ApiHost.StartAsync(ApiHost.Key, kestrel: true);
        await keyed.SeedTermsAsync(new WatchTerm { Id = "aiact", Name = "AI Act", Query = "\"AI Act\"" });

        await page.GotoAsync(keyed.BaseAddress.AbsoluteUri);
        await Expect(page.Locator("#notice")).ToContainTextAsync("needs its API key");
        await Expect(page.Locator("#terms-table tbody tr")).ToHaveCountAsync(0);

        await page.GetByLabel("API key").FillAsync(ApiHost.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use" }).ClickAsync();

        await Expect(page.Locator("#terms-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#notice")).ToBeHiddenAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("#terms-table tbody tr")).ToContainTextAsync("AI Act");
    }

    /// <summary>The Functions host checks x-functions-key before the app runs; the Server checks X-Api-Key: one field serves both.</summary>
    [Fact]
    public async Task The_key_typed_in_goes_with_API_calls_both_as_the_Server_s_key_and_as_a_function_key()
    {
        await using var keyed = await ApiHost.StartAsync(ApiHost.Key, kestrel: true);
        await page.GotoAsync(keyed.BaseAddress.AbsoluteUri);
        await page.GetByLabel("API key").FillAsync(ApiHost.Key);

        var request = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Use" }).ClickAsync(),
            r => r.Url.Contains("/api/terms", StringComparison.Ordinal));

        var headers = await request.AllHeadersAsync();
        Assert.Equal(ApiHost.Key, headers["x-api-key"]);
        Assert.Equal(ApiHost.Key, headers["x-functions-key"]);
    }
}
