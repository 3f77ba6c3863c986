using Microsoft.AspNetCore.Http.HttpResults;
using NewsMonitor.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Server.Api;

internal static class FeedsEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var feeds = admin.MapResource<FeedsManager, FeedInput, FeedView>("/feeds", new(
            "Feed",
            "Feeds",
            "Feeds with their health",
            "Add a feed; its URL must fetch and parse (400 says why not)",
            "Change title, folder, enabled or interval (fields left out keep their value; the URL cannot change)"));

        feeds.MapPost("/poll", async Task<Accepted<PollQueued>> (OnDemandActions actions, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, new PollQueued(await actions.PollAllAsync(ct))))
            .WithName("PollAllFeeds").WithSummary("Poll every enabled feed now (queued)");

        feeds.MapPost("/{id}/poll", async Task<Accepted<PollQueued>> (string id, OnDemandActions actions, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, new PollQueued(await actions.PollOneAsync(id, ct))))
            .WithName("PollFeed").WithSummary("Poll this feed now (queued)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        feeds.MapGet("/opml", async (FeedsManager manager, CancellationToken ct) =>
                TypedResults.File(await manager.ExportOpmlAsync(ct), "text/x-opml; charset=utf-8", "feeds.opml"))
            .WithName("ExportOpml").WithSummary("The feed list as OPML 2.0")
            .Produces<string>(StatusCodes.Status200OK, "text/x-opml");

        feeds.MapPut("/opml", async (HttpRequest request, bool? replace, FeedsManager manager, CancellationToken ct) =>
            {
                await using var body = await ApiEndpoints.BufferBodyAsync(request, ct);
                return await manager.ImportOpmlAsync(body, replace ?? false, ct);
            })
            .WithName("ImportOpml").WithSummary("Merge an OPML file (replace=true: feeds not in it are removed)")
            .DocumentsFileBody("an OPML 2.0 file", "text/x-opml", "application/xml", "text/xml")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
