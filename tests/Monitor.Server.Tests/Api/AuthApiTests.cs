using System.Net;
using System.Net.Http.Json;
using NewsMonitor.Server.Api;
using NewsMonitor.Server.Cli;
using NewsMonitor.Server.Hosting;

namespace NewsMonitor.Tests.Api;

public sealed class AuthApiTests : IAsyncLifetime
{
    /// <summary>Every admin route of the route table, with a body where it needs one.</summary>
    public static readonly TheoryData<string, string> AdminRoutes = new()
    {
        { "GET", "/api/terms" },
        { "POST", "/api/terms" },
        { "GET", "/api/terms/x" },
        { "PUT", "/api/terms/x" },
        { "DELETE", "/api/terms/x" },
        { "POST", "/api/terms/test" },
        { "GET", "/api/watchlist" },
        { "PUT", "/api/watchlist" },
        { "GET", "/api/subscribers" },
        { "POST", "/api/subscribers" },
        { "GET", "/api/subscribers/x" },
        { "PUT", "/api/subscribers/x" },
        { "DELETE", "/api/subscribers/x" },
        { "GET", "/api/feeds" },
        { "POST", "/api/feeds" },
        { "GET", "/api/feeds/x" },
        { "PUT", "/api/feeds/x" },
        { "DELETE", "/api/feeds/x" },
        { "GET", "/api/feeds/opml" },
        { "PUT", "/api/feeds/opml" },
        { "POST", "/api/feeds/poll" },
        { "POST", "/api/feeds/x/poll" },
        { "POST", "/api/digests/send" },
        { "POST", "/api/subscribers/x/digest/send" },
        { "GET", "/api/subscribers/x/digest/preview" },
    };

    private ApiHost host = null!;
    private HttpClient anonymous = null!;

    public async Task InitializeAsync()
    {
        host = await ApiHost.StartAsync(ApiHost.Key);
        anonymous = host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        anonymous.Dispose();
        await host.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Admin_routes_without_the_key_are_401_before_the_body_is_read(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json") };

        using var response = await anonymous.SendAsync(request);

        var problem = await response.ReadProblemAsync(401);
        Assert.Contains("X-Api-Key", problem.Detail());
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_wrong_key_is_401_and_says_so()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/terms");
        request.Headers.Add("X-Api-Key", "guess");

        using var response = await anonymous.SendAsync(request);

        Assert.Contains("does not hold the configured API key", (await response.ReadProblemAsync(401)).Detail());
    }

    [Fact]
    public async Task The_right_key_opens_admin_routes()
    {
        using var response = await host.Client.GetAsync("/api/terms");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/")]
    public async Task Health_the_api_document_and_the_page_need_no_key(string path)
    {
        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_key_a_loopback_server_is_open()
    {
        await using var open = await ApiHost.StartAsync();

        using var response = await open.CreateClient().PostAsJsonAsync("/api/terms", new { id = "t", query = "t" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://monitor.example.org:5080")]
    [InlineData("http://127.0.0.1:5080;http://192.168.1.10:5080")]
    public void A_server_reachable_from_other_machines_will_not_start_without_a_key(string urls)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServerApp.Build([], urls));

        Assert.Contains("Api:Key", error.Message);
        Assert.False(ListenAddresses.AreLoopbackOnly(urls));
    }

    [Fact]
    public async Task Serve_says_why_it_will_not_listen_beyond_loopback_without_a_key()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await MonitorCli.RunAsync(["serve", "--urls", "http://0.0.0.0:5080"], output, error);

        Assert.Equal(1, exit);
        Assert.StartsWith("listening on http://0.0.0.0:5080 makes the API reachable from other machines: set an admin key (Api:Key", error.ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://127.0.0.1:0;http://localhost:8080")]
    public void Loopback_addresses_are_loopback(string urls) => Assert.True(ListenAddresses.AreLoopbackOnly(urls));
}
