using Microsoft.Playwright;

namespace NewsMonitor.Tests.Web;

/// <summary>
/// Debian's Chromium, driven by Playwright: no browser download, a fresh profile per launch (Playwright gives
/// each launch its own temporary user data directory). Missing Chromium fails the tests; it never skips them.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {ExecutablePath}: the browser tests need Debian's chromium package (apt-get install -y chromium; .ci/run installs it).");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A page in its own context (own storage), sized like a laptop screen.</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync(1360, 900);

    /// <summary>A page in its own context, in a window of the given size (390×844 is a phone held upright).</summary>
    public async Task<IPage> NewPageAsync(int width, int height)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        return page;
    }

    /// <summary>When NEWSMONITOR_SCREENSHOTS names a folder, the page is saved there (for looking at the layout).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Environment.GetEnvironmentVariable("NEWSMONITOR_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
