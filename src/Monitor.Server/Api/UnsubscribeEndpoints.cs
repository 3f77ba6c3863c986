using NewsMonitor.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Server.Api;

internal static class UnsubscribeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/unsubscribe", async (string? token, HttpRequest request, UnsubscribeFlow flow, CancellationToken ct) =>
                UnsubscribeAnswers.ToResult(await flow.ConfirmAsync(token, ct), token, request))
            .WithTags("Unsubscribe").WithName("ConfirmUnsubscribe").WithSummary("The confirmation page of an unsubscribe link (anonymous, signed token)")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();

        // One-click unsubscribe (RFC 8058) posts "List-Unsubscribe=One-Click" to the same URL; the body adds nothing.
        api.MapPost("/unsubscribe", async (string? token, HttpRequest request, UnsubscribeFlow flow, CancellationToken ct) =>
                UnsubscribeAnswers.ToResult(await flow.UnsubscribeAsync(token, ct), token, request))
            .WithTags("Unsubscribe").WithName("Unsubscribe").WithSummary("Unsubscribe (one-click; anonymous, signed token)")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();
    }
}
