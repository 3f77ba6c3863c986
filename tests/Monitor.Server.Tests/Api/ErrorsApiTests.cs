using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NewsMonitor.Tests.Api;

/// <summary>What goes wrong at the edges: sizes, unknown routes and methods; every answer a problem document.</summary>
public sealed class ErrorsApiTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync(ApiHost.Key, ["--Api:MaxBodyBytes=4096"]);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("POST", "/api/terms")]
    [InlineData("PUT", "/api/watchlist")]
    [InlineData("PUT", "/api/feeds/opml")]
    [InlineData("POST", "/api/terms/test")]
    public async Task An_oversized_body_is_413(string method, string path)
    {
        var json = JsonSerializer.Serialize(new { id = "big", query = "x", name = new string('a', 5000) });
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        using var response = await host.Client.SendAsync(request);

        Assert.Contains("limit is 4096", (await response.ReadProblemAsync(413)).Detail());
    }

    [Fact]
    public async Task A_body_under_the_limit_goes_through()
    {
        using var response = await host.Client.PostAsJsonAsync("/api/terms", new { id = "small", query = "x", comment = new string('a', 3000) });

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/terms")]
    [InlineData("PUT", "/api/terms/x")]
    [InlineData("POST", "/api/terms/test")]
    [InlineData("PUT", "/api/watchlist")]
    [InlineData("POST", "/api/subscribers")]
    [InlineData("PUT", "/api/subscribers/x")]
    [InlineData("POST", "/api/feeds")]
    [InlineData("PUT", "/api/feeds/x")]
    public async Task Invalid_json_is_a_400_problem_on_every_route_with_a_body(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"id\": [1, 2", Encoding.UTF8, "application/json") };

        using var response = await host.Client.SendAsync(request);

        Assert.Contains("JSON", (await response.ReadProblemAsync(400)).Detail());
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var response = await host.Client.GetAsync("/api/nothing-here");

        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var response = await host.Client.PatchAsync("/api/terms", null);

        await response.ReadProblemAsync(405);
    }

    [Fact]
    public async Task Health_is_ok_with_no_feeds()
    {
        var health = await host.GetJsonAsync("/api/health");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(0, health.GetProperty("feeds").GetProperty("total").GetInt32());
        Assert.Empty(health.GetProperty("unhealthyFeeds").EnumerateArray());
    }
}
