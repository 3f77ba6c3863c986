using NewsMonitor.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Server.Api;

/// <summary>The signed links of every digest: anonymous, the token is the authority; GET asks, POST does.</summary>
internal static class UnsubscribeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/unsubscribe", async (HttpRequest request, UnsubscribeFlow flow, CancellationToken ct) =>
                ActionAnswers.ToResult(await flow.ConfirmAsync(ActionAnswers.Token(request), ct), request))
            .WithTags("Unsubscribe").WithName("ConfirmUnsubscribe").WithSummary("The confirmation page of an unsubscribe link (anonymous, signed token)")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();

        // One-click unsubscribe (RFC 8058) posts "List-Unsubscribe=One-Click" to the same URL; the body adds nothing.
        api.MapPost("/unsubscribe", async (HttpRequest request, UnsubscribeFlow flow, CancellationToken ct) =>
                ActionAnswers.ToResult(await flow.UnsubscribeAsync(ActionAnswers.Token(request), ct), request))
            .WithTags("Unsubscribe").WithName("Unsubscribe").WithSummary("Unsubscribe (one-click; anonymous, signed token)")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();

        api.MapGet("/actions", async (HttpRequest request, DigestActionFlow flow, CancellationToken ct) =>
                ActionAnswers.ToResult(await flow.ConfirmAsync(ActionAnswers.Token(request), ct), request))
            .WithTags("Unsubscribe").WithName("ConfirmDigestAction")
            .WithSummary("The page of a digest's link (stop a term, change how often, not relevant): says what it does, changes nothing (anonymous, signed token)")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();

        api.MapPost("/actions", async (HttpRequest request, DigestActionFlow flow, CancellationToken ct) =>
                ActionAnswers.ToResult(await flow.ApplyAsync(ActionAnswers.Token(request), await ActionAnswers.ChoiceAsync(request, ct), ct), request))
            .WithTags("Unsubscribe").WithName("DigestAction")
            .WithSummary("Do what a digest's link says (cadence links take ?cadence=immediate|hourly|daily); anonymous, signed token")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();
    }
}
