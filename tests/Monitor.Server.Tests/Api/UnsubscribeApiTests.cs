using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Api;

/// <summary>The link in every digest: anonymous, signed, GET asks, POST (one-click) unsubscribes.</summary>
public sealed class UnsubscribeApiTests : IAsyncLifetime
{
    private ApiHost host = null!;
    private HttpClient anonymous = null!;

    public async Task InitializeAsync()
    {
        // A keyed server: unsubscribe must work without the key, from a mail client.
        host = await ApiHost.StartAsync(ApiHost.Key);
        anonymous = host.CreateClient();
        await host.Get<ISubscriberStore>().UpsertSubscriberAsync(new Subscriber { Id = "ana", Email = "ana@example.org" });
    }

    public async Task DisposeAsync()
    {
        anonymous.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Get_asks_to_confirm_and_changes_nothing()
    {
        var token = host.Get<ActionTokens>().Create(SignedAction.Unsubscribe("ana"));

        using var response = await anonymous.GetAsync($"/api/unsubscribe?token={Uri.EscapeDataString(token)}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<form method=\"post\"", page);
        Assert.Contains("a•••@example.org", page);
        Assert.DoesNotContain("ana@example.org", page);
        Assert.Equal(SubscriberState.Active, (await State()));
    }

    [Fact]
    public async Task Post_with_a_good_token_unsubscribes_one_click()
    {
        var token = host.Get<ActionTokens>().Create(SignedAction.Unsubscribe("ana"));

        using var content = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        using var response = await anonymous.PostAsync($"/api/unsubscribe?token={Uri.EscapeDataString(token)}", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Unsubscribed", await response.Content.ReadAsStringAsync());
        Assert.Equal(SubscriberState.Unsubscribed, await State());

        using var again = await anonymous.PostAsync($"/api/unsubscribe?token={Uri.EscapeDataString(token)}", null);
        Assert.Contains("Already unsubscribed", await again.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("missing")]
    public async Task A_bad_token_is_refused_and_nobody_is_unsubscribed(string kind)
    {
        var tokens = host.Get<ActionTokens>();
        var good = tokens.Create(SignedAction.Unsubscribe("ana"));
        var token = kind switch
        {
            // Another subscriber's id with ana's signature.
            "tampered" => Convert.ToBase64String("bob"u8.ToArray()).TrimEnd('=') + good[good.IndexOf('.', StringComparison.Ordinal)..],
            "forged" => good[..^4] + (good[^4..] == "AAAA" ? "BBBB" : "AAAA"),
            "missing" => "",
            _ => good,
        };
        if (kind == "expired")
        {
            host.Clock.Advance(TimeSpan.FromDays(61));
        }

        using var get = await anonymous.GetAsync($"/api/unsubscribe?token={Uri.EscapeDataString(token)}");
        using var post = await anonymous.PostAsync($"/api/unsubscribe?token={Uri.EscapeDataString(token)}", null);

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("damaged or has expired", await post.Content.ReadAsStringAsync());
        Assert.Equal(SubscriberState.Active, await State());
    }

    [Fact]
    public async Task A_client_asking_for_json_gets_json_and_problem_details()
    {
        var token = host.Get<ActionTokens>().Create(SignedAction.Unsubscribe("ana"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/unsubscribe?token={Uri.EscapeDataString(token)}");
        request.Headers.Accept.ParseAdd("application/json");
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/unsubscribe?token=nope");
        bad.Headers.Accept.ParseAdd("application/json");

        using var response = await anonymous.SendAsync(request);
        using var refused = await anonymous.SendAsync(bad);

        Assert.Equal("ana", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subscriberId").GetString());
        await refused.ReadProblemAsync(400);
    }

    [Fact]
    public async Task A_good_token_for_a_deleted_subscriber_is_404()
    {
        var token = host.Get<ActionTokens>().Create(SignedAction.Unsubscribe("gone"));

        using var response = await anonymous.PostAsync($"/api/unsubscribe?token={Uri.EscapeDataString(token)}", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<SubscriberState> State() => (await host.Get<ISubscriberStore>().GetSubscriberAsync("ana"))!.State;
}
