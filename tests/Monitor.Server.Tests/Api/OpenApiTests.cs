using System.Text.Json;

namespace NewsMonitor.Tests.Api;

public sealed class OpenApiTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync(ApiHost.Key);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_document_describes_every_route_of_the_route_table()
    {
        var document = await host.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var described = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet();
        string[] routeTable =
        [
            "GET /api/health", "POST /api/feeds/poll", "POST /api/feeds/{id}/poll", "POST /api/digests/send",
            "POST /api/subscribers/{id}/digest/send", "GET /api/subscribers/{id}/digest/preview",
            "GET /api/unsubscribe", "POST /api/unsubscribe", "GET /api/actions", "POST /api/actions",
            "GET /api/terms", "POST /api/terms", "GET /api/terms/{id}", "PUT /api/terms/{id}", "DELETE /api/terms/{id}",
            "POST /api/terms/test", "GET /api/terms/{id}/feedback", "GET /api/watchlist", "PUT /api/watchlist",
            "GET /api/subscribers", "POST /api/subscribers", "GET /api/subscribers/{id}", "PUT /api/subscribers/{id}", "DELETE /api/subscribers/{id}",
            "GET /api/feeds", "POST /api/feeds", "GET /api/feeds/{id}", "PUT /api/feeds/{id}", "DELETE /api/feeds/{id}",
            "GET /api/feeds/opml", "PUT /api/feeds/opml",
        ];
        Assert.Empty(routeTable.Except(described));
        Assert.Empty(described.Except(routeTable));
    }

    [Fact]
    public async Task Admin_operations_require_the_key_and_the_anonymous_ones_do_not()
    {
        var document = await host.GetJsonAsync("/openapi/v1.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.True(Operation(document, "/api/terms", "get").TryGetProperty("security", out _));
        Assert.False(Operation(document, "/api/health", "get").TryGetProperty("security", out _));
        Assert.False(Operation(document, "/api/unsubscribe", "post").TryGetProperty("security", out _));
        Assert.False(Operation(document, "/api/actions", "post").TryGetProperty("security", out _));
        Assert.True(Operation(document, "/api/terms/{id}/feedback", "get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Bodies_and_answers_have_their_schemas()
    {
        var document = await host.GetJsonAsync("/openapi/v1.json");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("TermInput", out var termInput));
        Assert.True(termInput.GetProperty("properties").TryGetProperty("query", out _));
        Assert.True(schemas.TryGetProperty("SubscriberView", out _));
        Assert.True(schemas.TryGetProperty("FeedView", out var feedView));
        Assert.True(feedView.GetProperty("properties").TryGetProperty("folder", out _));
        Assert.True(schemas.GetProperty("FeedInput").GetProperty("properties").TryGetProperty("folder", out _));
        Assert.True(schemas.TryGetProperty("TermTestResult", out _));
        Assert.True(Operation(document, "/api/terms/{id}", "get").GetProperty("responses").TryGetProperty("404", out _));
    }

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);
}
