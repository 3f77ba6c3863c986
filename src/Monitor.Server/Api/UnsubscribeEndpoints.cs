using Microsoft.Net.Http.Headers;
using NewsMonitor.Management;

namespace NewsMonitor.Server.Api;

internal static class UnsubscribeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/unsubscribe", async (string? token, HttpRequest request, UnsubscribeFlow flow, CancellationToken ct) =>
                Answer(await flow.ConfirmAsync(token, ct), token, request))
            .WithTags("Unsubscribe").WithName("ConfirmUnsubscribe").WithSummary("The confirmation page of an unsubscribe link (anonymous, signed token)")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();

        // One-click unsubscribe (RFC 8058) posts "List-Unsubscribe=One-Click" to the same URL; the body adds nothing.
        api.MapPost("/unsubscribe", async (string? token, HttpRequest request, UnsubscribeFlow flow, CancellationToken ct) =>
                Answer(await flow.UnsubscribeAsync(token, ct), token, request))
            .WithTags("Unsubscribe").WithName("Unsubscribe").WithSummary("Unsubscribe (one-click; anonymous, signed token)")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();
    }

    /// <summary>A page for people; JSON (problem details for errors) for a client that asks for it.</summary>
    private static IResult Answer(UnsubscribeAnswer answer, string? token, HttpRequest request)
    {
        var wantsJson = request.GetTypedHeaders().Accept.Any(a => a.MediaType.Value is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase));
        if (!wantsJson)
        {
            return TypedResults.Content(answer.ToHtml(token), "text/html; charset=utf-8", statusCode: answer.Status);
        }

        return answer.Status == StatusCodes.Status200OK
            ? TypedResults.Ok(new { answer.SubscriberId, answer.Title, answer.Message })
            : TypedResults.Problem(statusCode: answer.Status, title: answer.Title, detail: answer.Message);
    }
}
