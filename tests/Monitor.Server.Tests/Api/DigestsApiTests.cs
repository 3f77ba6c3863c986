using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Api;

public sealed class DigestsApiTests : IAsyncLifetime
{
    private ApiHost host = null!;

    private HttpClient Client => host.Client;

    public async Task InitializeAsync()
    {
        host = await ApiHost.StartAsync();
        await host.SeedTermsAsync(new WatchTerm { Id = "mistral", Name = "Mistral", Query = "Mistral -vent" });
        var subscribers = host.Get<ISubscriberStore>();
        await subscribers.UpsertSubscriberAsync(new Subscriber { Id = "ana", Email = "ana@example.org", Cadence = Cadence.Daily, TimeZone = "Europe/Paris" });
        await subscribers.UpsertSubscriberAsync(new Subscriber { Id = "bob", Email = "bob@example.org", Cadence = Cadence.Daily, Terms = [] });
        var article = new Article
        {
            Id = "a1",
            FeedId = "f",
            Url = "https://news.example/mistral-ai",
            Title = "Mistral AI lève des fonds",
            Summary = "La start-up annonce un tour de table.",
            FetchedAt = host.Clock.GetUtcNow(),
        };
        await host.Get<IArticleStore>().TryAddArticleAsync(article);
        await host.Get<MatchArticleHandler>().HandleAsync(article.Id, CancellationToken.None);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_preview_shows_the_next_digest_and_sends_nothing()
    {
        using var response = await Client.GetAsync("/api/subscribers/ana/digest/preview");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 4px;\">Mistral AI lève des fonds</h1>", html);
        Assert.Contains("https://news.example/mistral-ai", html);
        Assert.Contains("http://monitor.test/api/unsubscribe?token=", html);
        Assert.Single(await host.Get<IMatchStore>().ListPendingAsync("ana"));
        Assert.False(Directory.Exists(host.OutboxPath) && Directory.EnumerateFiles(host.OutboxPath).Any());

        using var text = await Client.GetAsync("/api/subscribers/ana/digest/preview?format=text");
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Mistral AI lève des fonds", await text.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Send_now_sends_what_is_undelivered_once_and_says_so()
    {
        var first = await SendAsync("/api/subscribers/ana/digest/send");
        var second = await SendAsync("/api/subscribers/ana/digest/send");

        Assert.Equal("sent", first.GetProperty("status").GetString());
        Assert.Equal(1, first.GetProperty("articles").GetInt32());
        Assert.Equal("sent 1 article", first.GetProperty("summary").GetString());
        Assert.StartsWith("now-", first.GetProperty("period").GetString());
        Assert.Equal("nothingNew", second.GetProperty("status").GetString());
        Assert.StartsWith("nothing undelivered; next digest due ", second.GetProperty("summary").GetString());
        Assert.Single(Directory.GetFiles(host.OutboxPath, "*.eml"));
        Assert.Empty(await host.Get<IMatchStore>().ListPendingAsync("ana"));
    }

    [Fact]
    public async Task Send_all_due_says_what_waits_for_the_next_digest_rather_than_nothing()
    {
        await SendAsync("/api/digests/send");
        var later = new Article { Id = "a2", FeedId = "f", Url = "https://news.example/mistral-2", Title = "Mistral ouvre un bureau", FetchedAt = host.Clock.GetUtcNow() };
        await host.Get<IArticleStore>().TryAddArticleAsync(later);
        await host.Get<MatchArticleHandler>().HandleAsync(later.Id, CancellationToken.None);

        var outcomes = await SendAsync("/api/digests/send");

        var ana = outcomes.EnumerateArray().Single(o => o.GetProperty("subscriberId").GetString() == "ana");
        Assert.Equal("notDue", ana.GetProperty("status").GetString());
        Assert.Equal("not due yet: 1 article waiting; next digest due 2026-11-24 08:00 Europe/Paris (07:00 UTC)", ana.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Send_all_due_reports_each_active_subscriber()
    {
        var outcomes = await SendAsync("/api/digests/send");

        var bySubscriber = outcomes.EnumerateArray().ToDictionary(o => o.GetProperty("subscriberId").GetString()!, o => o.GetProperty("status").GetString());
        Assert.Equal("sent", bySubscriber["ana"]);
        Assert.Equal("nothingNew", bySubscriber["bob"]);
    }

    [Fact]
    public async Task Unknown_subscribers_are_404()
    {
        using var send = await Client.PostAsync("/api/subscribers/zed/digest/send", null);
        using var preview = await Client.GetAsync("/api/subscribers/zed/digest/preview");

        await send.ReadProblemAsync(404);
        await preview.ReadProblemAsync(404);
    }

    private async Task<JsonElement> SendAsync(string path)
    {
        using var response = await Client.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
