using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NewsMonitor.Digests;
using NewsMonitor.Tests.Server;

namespace NewsMonitor.Tests.Functions;

/// <summary>
/// Both hosts serve one API: the Server's routes (its OpenAPI document) and the HTTP functions' routes
/// (functions.metadata) are the same set, and the same requests, on the same data in Azurite, get the same
/// status, media type and body from each.
/// </summary>
public sealed class ApiParityTests : IAsyncLifetime
{
    private FunctionsApp functions = null!;
    private ServerApiOnAzurite server = null!;

    public async Task InitializeAsync()
    {
        functions = await FunctionsApp.StartAsync();
        await functions.SeedAsync();
        server = await ServerApiOnAzurite.StartAsync();
        await FunctionsApp.SeedAsync(server.Services, functions.Feeds);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await functions.DisposeAsync();
    }

    [Fact]
    public async Task Every_route_of_the_Server_is_an_HTTP_function_and_every_API_function_a_Server_route()
    {
        var openApi = (await server.SendAsync(new ApiRequest("GET", "/openapi/v1.json"))).Json!["paths"]!.AsObject();
        var serverRoutes = openApi.SelectMany(path => path.Value!.AsObject().Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}")).ToHashSet();
        var functionRoutes = FunctionsHttp.Operations.Where(r => r != "GET /api/page/{*file}").ToHashSet();

        Assert.Empty(serverRoutes.Except(functionRoutes).Select(r => "no function for " + r));
        Assert.Empty(functionRoutes.Except(serverRoutes).Select(r => "no Server route for " + r));
    }

    [Fact]
    public async Task The_same_requests_get_the_same_answers_from_both_hosts()
    {
        var feedUrl = functions.Feeds.UrlOf("en.xml");
        ApiRequest[] requests =
        [
            new("GET", "/api/health"),
            new("GET", "/api/terms?offset=1&limit=2"),
            new("GET", "/api/terms?limit=0"),
            new("POST", "/api/terms", """{"name": "Euro zone", "query": "euro* NEAR/3 zone"}"""),
            new("POST", "/api/terms", """{"id": "euro-zone", "name": "Euro zone", "query": "euro"}"""),
            new("POST", "/api/terms", """{"name": "Broken", "query": "\"unclosed"}"""),
            new("POST", "/api/terms", ""),
            new("GET", "/api/terms/euro-zone"),
            new("PUT", "/api/terms/euro-zone", """{"name": "Eurozone", "query": "eurozone OR \"euro zone\""}"""),
            new("GET", "/api/terms/nope"),
            new("POST", "/api/terms/test", """{"query": "Mistral -vent", "text": "Mistral AI lève des fonds; le mistral souffle."}"""),
            new("POST", "/api/terms/test", """{"termId": "nope", "text": "x"}"""),
            new("GET", "/api/watchlist"),
            new("PUT", "/api/watchlist", """{"terms": [{"id": "nuclear", "name": "Nuclear", "query": "nucl*"}]}"""),
            new("PUT", "/api/watchlist", """{"terms": [{"id": "bad", "name": "Bad", "query": "(open"}]}"""),
            new("DELETE", "/api/terms/euro-zone"),
            new("DELETE", "/api/terms/euro-zone"),
            new("GET", "/api/subscribers"),
            new("POST", "/api/subscribers", """{"email": "cleo@example.org", "name": "Cléo", "cadence": "weekly", "day": "friday", "at": "17:30", "timeZone": "America/Montreal"}"""),
            new("POST", "/api/subscribers", """{"email": "not-an-address", "cadence": "daily"}"""),
            new("PUT", "/api/subscribers/ana", """{"email": "ana@example.org", "name": "Ana B", "cadence": "hourly", "timeZone": "Europe/Paris"}"""),
            new("GET", "/api/subscribers/ana"),
            new("DELETE", "/api/subscribers/nope"),
            new("GET", "/api/feeds"),
            new("GET", "/api/feeds/fr"),
            new("PUT", "/api/feeds/fr", """{"title": "La Gazette", "folder": "News/France"}"""),
            new("POST", "/api/feeds", $$"""{"url": "{{feedUrl}}", "folder": "English"}"""),
            new("POST", "/api/feeds", """{"url": "not a url"}"""),
            new("GET", "/api/feeds/opml"),
            new("PUT", "/api/feeds/opml", "<opml version=\"2.0\"><body><outline text=\"Wire\" xmlUrl=\"" + feedUrl + "\"/></body></opml>", "text/x-opml"),
            new("PUT", "/api/feeds/opml", "not xml", "text/x-opml"),
            new("POST", "/api/feeds/poll"),
            new("POST", "/api/feeds/fr/poll"),
            new("POST", "/api/feeds/nope/poll"),
            new("GET", "/api/subscribers/bob/digest/preview"),
            new("GET", "/api/subscribers/bob/digest/preview?format=text"),
            new("GET", "/api/subscribers/nope/digest/preview"),
            new("POST", "/api/subscribers/bob/digest/send"),
            new("POST", "/api/subscribers/nope/digest/send"),
            new("POST", "/api/digests/send"),
            new("GET", "/api/unsubscribe?token=forged"),
            new("GET", "/api/unsubscribe?token=forged", Accept: "application/json"),
            new("POST", "/api/unsubscribe", "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded"),
            new("GET", "/api/actions?token=" + Token(SignedAction.StopTerm("ana", "mistral"))),
            new("GET", "/api/actions?token=" + Token(SignedAction.StopTerm("ana", "mistral")), Accept: "application/json"),
            new("POST", "/api/actions?token=" + Token(SignedAction.StopTerm("ana", "mistral"))),
            new("POST", "/api/actions?token=" + Token(SignedAction.StopTerm("ana", "mistral"))),
            new("GET", "/api/actions?token=" + Token(SignedAction.ChangeCadence("bob"))),
            new("POST", "/api/actions?token=" + Token(SignedAction.ChangeCadence("bob")) + "&cadence=hourly"),
            new("POST", "/api/actions?token=" + Token(SignedAction.ChangeCadence("bob")), "cadence=weekly", "application/x-www-form-urlencoded"),
            new("POST", "/api/actions?token=" + Token(SignedAction.NotRelevant("bob", "commission", "no-such-article"))),
            new("POST", "/api/actions?token=" + Token(SignedAction.Unsubscribe("bob"))),
            new("POST", "/api/actions?token=forged", Accept: "application/json"),
            new("GET", "/api/terms/mistral/feedback"),
            new("GET", "/api/terms/nope/feedback"),
            new("DELETE", "/api/feeds/fr"),
            new("GET", "/api/health"),
        ];

        foreach (var request in requests)
        {
            var expected = await server.SendAsync(request);
            var actual = await functions.Http.SendAsync(request);

            var what = $"{request.Method} {request.PathAndQuery}";
            Assert.True(expected.Status == actual.Status, $"{what}: the Server answered {expected.Status}, the function {actual.Status}: {actual.Body}");
            Assert.True(expected.MediaType == actual.MediaType, $"{what}: media type {expected.MediaType} vs {actual.MediaType}");
            Assert.Equal(expected.Headers.GetValueOrDefault("Location"), actual.Headers.GetValueOrDefault("Location"));
            if (expected.MediaType?.EndsWith("json", StringComparison.Ordinal) == true)
            {
                Assert.True(JsonNode.DeepEquals(WithoutTraceId(expected.Json), WithoutTraceId(actual.Json)), $"{what}:\n Server:   {expected.Body}\n function: {actual.Body}");
            }
            else
            {
                Assert.True(expected.Body == actual.Body, $"{what}:\n Server:   {expected.Body}\n function: {actual.Body}");
            }
        }
    }

    [Fact]
    public async Task The_app_serves_the_Server_s_web_page_at_api_page_and_the_page_sends_the_key_as_a_function_key()
    {
        var redirect = await functions.Http.SendAsync(new ApiRequest("GET", "/api/page"));
        Assert.Equal((302, "/api/page/"), (redirect.Status, redirect.Headers.GetValueOrDefault("Location")));
        foreach (var (page, file) in new[] { ("/api/page/", "/"), ("/api/page/app.js", "/app.js"), ("/api/page/app.css", "/app.css") })
        {
            var expected = await server.SendAsync(new ApiRequest("GET", file));
            var actual = await functions.Http.SendAsync(new ApiRequest("GET", page));

            Assert.Equal((200, expected.MediaType, expected.Body), (actual.Status, actual.MediaType, actual.Body));
            Assert.Equal(expected.Headers["Content-Security-Policy"], actual.Headers["Content-Security-Policy"]);
        }

        Assert.Equal(404, (await functions.Http.SendAsync(new ApiRequest("GET", "/api/page/local.settings.json"))).Status);
        Assert.Contains("headers[\"x-functions-key\"] = key", (await functions.Http.SendAsync(new ApiRequest("GET", "/api/page/app.js"))).Body);
    }

    /// <summary>A digest link's token, signed with the key both hosts share here.</summary>
    private static string Token(SignedAction action) =>
        Uri.EscapeDataString(new ActionTokens(Options.Create(new DigestOptions { SigningKey = FunctionsApp.SigningKey }), TimeProvider.System).Create(action));

    /// <summary>The trace id of a problem document names the request, which differs by design.</summary>
    private static JsonNode? WithoutTraceId(JsonNode? json)
    {
        if (json is JsonObject problem)
        {
            problem.Remove("traceId");
        }

        return json;
    }
}
