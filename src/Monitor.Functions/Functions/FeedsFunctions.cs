using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using NewsMonitor.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Functions;

/// <summary>
/// The feeds over HTTP (function key): the list with health, OPML, and poll now, which only queues messages (202);
/// the polls themselves run on the feed-polls queue.
/// </summary>
public sealed class FeedsFunctions(FeedsManager feeds, OnDemandActions actions)
{
    [Function("ListFeeds")]
    public Task<IResult> ListFeeds([HttpTrigger(AuthorizationLevel.Function, "get", Route = "feeds")] HttpRequest request, CancellationToken ct) =>
        ResourceApi.List(feeds, request, ct);

    [Function("CreateFeed")]
    public Task<IResult> CreateFeed([HttpTrigger(AuthorizationLevel.Function, "post", Route = "feeds")] HttpRequest request, CancellationToken ct) =>
        ResourceApi.Create(feeds, request, ct);

    [Function("GetFeed")]
    public Task<IResult> GetFeed([HttpTrigger(AuthorizationLevel.Function, "get", Route = "feeds/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        ResourceApi.Get(feeds, id, ct);

    [Function("UpdateFeed")]
    public Task<IResult> UpdateFeed([HttpTrigger(AuthorizationLevel.Function, "put", Route = "feeds/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        ResourceApi.Update(feeds, request, id, ct);

    [Function("DeleteFeed")]
    public Task<IResult> DeleteFeed([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "feeds/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        ResourceApi.Delete(feeds, id, ct);

    [Function("PollAllFeedsNow")]
    public Task<IResult> PollAllFeedsNow([HttpTrigger(AuthorizationLevel.Function, "post", Route = "feeds/poll")] HttpRequest request, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.Accepted((string?)null, new PollQueued(await actions.PollAllAsync(ct))));

    [Function("PollFeedNow")]
    public Task<IResult> PollFeedNow([HttpTrigger(AuthorizationLevel.Function, "post", Route = "feeds/{id}/poll")] HttpRequest request, string id, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.Accepted((string?)null, new PollQueued(await actions.PollOneAsync(id, ct))));

    [Function("ExportOpml")]
    public Task<IResult> ExportOpml([HttpTrigger(AuthorizationLevel.Function, "get", Route = "feeds/opml")] HttpRequest request, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.File(await feeds.ExportOpmlAsync(ct), "text/x-opml; charset=utf-8", "feeds.opml"));

    [Function("ImportOpml")]
    public Task<IResult> ImportOpml([HttpTrigger(AuthorizationLevel.Function, "put", Route = "feeds/opml")] HttpRequest request, CancellationToken ct) =>
        Api.Answer(async () =>
        {
            var replace = Api.Flag(request, "replace");
            await using var body = await RequestBodies.BufferAsync(request, ct);
            return TypedResults.Ok(await feeds.ImportOpmlAsync(body, replace, ct));
        });
}
