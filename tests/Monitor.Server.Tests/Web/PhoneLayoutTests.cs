using Microsoft.Playwright;
using NewsMonitor.Server.Hosting;
using NewsMonitor.Storage;
using NewsMonitor.Tests.Api;
using static Microsoft.Playwright.Assertions;

namespace NewsMonitor.Tests.Web;

/// <summary>
/// The page on a phone held upright (390×844) with the default feeds, terms and subscribers: every tab fits the width
/// (tables become stacked cards), the query is readable, and a screenshot of each tab is left for a person to look at.
/// </summary>
public sealed class PhoneLayoutTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const int Width = 390;

    private ApiHost host = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        host = await ApiHost.StartAsync(kestrel: true);
        var defaults = Path.Combine(AppContext.BaseDirectory, "defaults");
        await host.Get<StoreSeeder>().SeedAsync(Path.Combine(defaults, "feeds.opml"), Path.Combine(defaults, "watchlist.json"), Path.Combine(defaults, "subscribers.json"), default);

        // The worst a feed row gets: a long unbroken URL and a long error.
        var feeds = host.Get<IFeedStore>();
        var feed = (await feeds.ListFeedsAsync())[0];
        await feeds.UpsertFeedAsync(feed with
        {
            Url = "https://www.example-of-a-very-long-host-name.org/rss/categories/politique-europeenne-et-numerique/flux-complet.xml?format=rss2&edition=fr",
            Health = feed.Health with { ConsecutiveFailures = 3, LastError = "the server answered 503 Service Unavailable: upstream connect error or disconnect/reset before headers" },
        });
        page = await chromium.NewPageAsync(Width, 844);
    }

    public async Task DisposeAsync()
    {
        await page.Context.CloseAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Every_tab_fits_a_390_px_screen_and_the_query_is_not_one_word_a_line()
    {
        await page.GotoAsync(host.BaseAddress.AbsoluteUri);
        await Expect(page.Locator("#terms-table tbody tr").First).ToBeVisibleAsync();
        await AssertFitsAsync("terms");
        var query = await page.Locator("#terms-table tbody tr td:nth-child(2)").First.BoundingBoxAsync();
        Assert.True(query is { Width: >= 150 }, $"the query cell is {query?.Width} px wide");
        var button = await page.GetByRole(AriaRole.Button, new() { Name = "Save term" }).BoundingBoxAsync();
        Assert.True(button is { X: >= 0 } && button.X + button.Width <= Width, "Save term is off the screen");

        await page.Locator("#tab-subscribers").ClickAsync();
        await Expect(page.Locator("#subscribers-table tbody tr").First).ToBeVisibleAsync();
        await AssertFitsAsync("subscribers");

        await page.Locator("#tab-feeds").ClickAsync();
        await Expect(page.Locator("#feeds-table tbody tr:not(.folder-row)").First).ToBeVisibleAsync();
        await AssertFitsAsync("feeds");
        var poll = await page.Locator("#feeds-table tbody tr:not(.folder-row) .row-actions button").First.BoundingBoxAsync();
        Assert.True(poll is { X: >= 0 } && poll.X + poll.Width <= Width, "a feed's buttons are off the screen");
    }

    [Fact]
    public async Task The_desktop_layout_keeps_its_tables()
    {
        var desktop = await chromium.NewPageAsync();
        await desktop.GotoAsync(host.BaseAddress.AbsoluteUri);
        await Expect(desktop.Locator("#terms-table tbody tr").First).ToBeVisibleAsync();

        Assert.Equal("table-row", await desktop.Locator("#terms-table tbody tr").First.EvaluateAsync<string>("row => getComputedStyle(row).display"));
        Assert.Equal("table-header-group", await desktop.Locator("#terms-table thead").EvaluateAsync<string>("head => getComputedStyle(head).display"));
        await desktop.Context.CloseAsync();
    }

    private async Task AssertFitsAsync(string tab)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"phone-{tab}.png"), FullPage = true });
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var widest = await page.EvaluateAsync<string>(
            """
            () => [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5 && e.offsetParent !== null)
                .slice(0, 5).map(e => e.tagName + (e.id ? "#" + e.id : "") + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).join(", ")
            """);
        Assert.True(scrollWidth <= Width, $"{tab}: the document is {scrollWidth} px wide on a {Width} px screen; beyond the edge: {widest}");
    }
}
