using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NewsMonitor.Management;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Functions;

/// <summary>
/// On-demand work over HTTP, on the routes the Server serves too (under "api/"). They need a function key,
/// except health. Poll now only queues messages (202); the polls themselves run on the feed-polls queue.
/// </summary>
public sealed class HttpFunctions(SchedulePollsHandler polls, SendDigestsHandler digests, HealthReporter health, ISubscriberStore subscribers)
{
    [Function("PollAllFeedsNow")]
    public async Task<IActionResult> PollAllFeedsNow([HttpTrigger(AuthorizationLevel.Function, "post", Route = "feeds/poll")] HttpRequest request, CancellationToken ct) =>
        FunctionResults.Json(new { queued = await polls.ScheduleNowAsync(null, ct) }, StatusCodes.Status202Accepted);

    [Function("PollFeedNow")]
    public async Task<IActionResult> PollFeedNow([HttpTrigger(AuthorizationLevel.Function, "post", Route = "feeds/{id}/poll")] HttpRequest request, string id, CancellationToken ct)
    {
        var queued = await polls.ScheduleNowAsync(id, ct);
        return queued == 0 ? FunctionResults.NotFound($"There is no feed '{id}'.") : FunctionResults.Json(new { queued }, StatusCodes.Status202Accepted);
    }

    [Function("SendDueDigestsNow")]
    public async Task<IActionResult> SendDueDigestsNow([HttpTrigger(AuthorizationLevel.Function, "post", Route = "digests/send")] HttpRequest request, CancellationToken ct) =>
        FunctionResults.Json(await digests.SendDueAsync(ct));

    [Function("SendDigestNow")]
    public async Task<IActionResult> SendDigestNow([HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscribers/{id}/digest/send")] HttpRequest request, string id, CancellationToken ct)
    {
        if (await subscribers.GetSubscriberAsync(id, ct) is null)
        {
            return FunctionResults.NotFound($"There is no subscriber '{id}'.");
        }

        return FunctionResults.Json(await digests.SendForAsync(id, ct));
    }

    [Function("Health")]
    public async Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken ct)
        => FunctionResults.Json(await health.ReportAsync(ct));
}
