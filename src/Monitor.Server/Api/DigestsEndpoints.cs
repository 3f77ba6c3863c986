using NewsMonitor.Management;

namespace NewsMonitor.Server.Api;

internal static class DigestsEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/digests/send", (OnDemandActions actions, CancellationToken ct) => actions.SendDueAsync(ct))
            .WithTags("Digests").WithName("SendDueDigests").WithSummary("Send every due digest now (a digest already sent for its period is not sent again)");

        var digest = admin.MapGroup("/subscribers/{id}/digest").WithTags("Digests");
        digest.MapPost("/send", (string id, OnDemandActions actions, CancellationToken ct) => actions.SendOneAsync(id, ct))
            .WithName("SendDigest").WithSummary("Send this subscriber what is undelivered now, whatever the schedule, under its own key; answers what happened")
            .ProducesProblem(StatusCodes.Status404NotFound);

        digest.MapGet("/preview", async (string id, string? format, DigestPreviewer previewer, CancellationToken ct) =>
            {
                var preview = await previewer.PreviewAsync(id, ct);
                return format == "text"
                    ? TypedResults.Text(preview.Text, "text/plain; charset=utf-8")
                    : TypedResults.Text(preview.Html, "text/html; charset=utf-8");
            })
            .WithName("PreviewDigest").WithSummary("The next digest as it would be sent (HTML, or format=text), without sending it")
            .Produces<string>(StatusCodes.Status200OK, "text/html", "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
