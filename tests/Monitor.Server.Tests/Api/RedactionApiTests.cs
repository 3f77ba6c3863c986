using System.Net.Http.Json;
using System.Text.Json;
using NewsMonitor.Storage;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Api;

/// <summary>
/// A feed URL's password or token is shown only to the admin reading the feed itself (GET /api/feeds): the anonymous
/// health answer and error details mask them.
/// </summary>
public sealed class RedactionApiTests : IAsyncLifetime
{
    private const string SecretUrl = "https://bob:hunter2@feeds.example/rss?token=t0k3n&page=2";

    private ApiHost host = null!;
    private FeedServer feeds = null!;

    public async Task InitializeAsync()
    {
        host = await ApiHost.StartAsync(apiKey: ApiHost.Key);
        feeds = await FeedServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await feeds.DisposeAsync();
    }

    [Fact]
    public async Task Anonymous_health_masks_userinfo_and_tokens_but_the_admin_sees_the_feed_whole()
    {
        await host.Get<IFeedStore>().UpsertFeedAsync(new FeedSource
        {
            Id = "f1",
            Url = SecretUrl,
            Health = new FeedHealth { ConsecutiveFailures = 2, LastError = "refused: redirected to https://cdn.example/rss?sig=s1gn4ture" },
        });

        using var anonymous = host.CreateClient();
        var health = await anonymous.GetStringAsync("/api/health");

        var unhealthy = JsonDocument.Parse(health).RootElement.GetProperty("unhealthyFeeds")[0];
        Assert.Equal("https://***@feeds.example/rss?token=***&page=2", unhealthy.GetProperty("url").GetString());
        Assert.Equal("refused: redirected to https://cdn.example/rss?sig=***", unhealthy.GetProperty("lastError").GetString());
        Assert.DoesNotContain("hunter2", health);
        Assert.DoesNotContain("t0k3n", health);
        Assert.DoesNotContain("s1gn4ture", health);
        var admin = await host.GetJsonAsync("/api/feeds/f1");
        Assert.Equal(SecretUrl, admin.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_feed_that_cannot_be_added_is_explained_without_its_token()
    {
        var url = feeds.UrlOf("missing.xml").AbsoluteUri + "?api_key=k3y&page=2";

        using var response = await host.Client.PostAsJsonAsync("/api/feeds", new { url });

        var detail = (await response.ReadProblemAsync(400)).Detail();
        Assert.Contains("missing.xml?api_key=***&page=2", detail);
        Assert.Contains("HTTP 404", detail);
        Assert.DoesNotContain("k3y", detail);
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_refused_without_its_password()
    {
        using var response = await host.Client.PostAsJsonAsync("/api/feeds", new { url = "ftp://bob:hunter2@feeds.example/rss?token=t0k3n" });

        var detail = (await response.ReadProblemAsync(400)).Detail();
        Assert.Contains("ftp://***@feeds.example/rss?token=***", detail);
        Assert.DoesNotContain("hunter2", detail);
    }
}
