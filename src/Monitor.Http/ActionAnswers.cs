using Microsoft.AspNetCore.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Http;

/// <summary>What the signed links of a digest (unsubscribe and the other actions) answer over HTTP, on both hosts.</summary>
public static class ActionAnswers
{
    /// <summary>The link's token, from the query string (where the digest and the confirmation forms put it).</summary>
    public static string? Token(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Query["token"];
    }

    /// <summary>The cadence chosen on the "how often" page: a query parameter of the form's target, or a form field.</summary>
    public static async Task<string?> ChoiceAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Query["cadence"] is { Count: > 0 } fromQuery)
        {
            return fromQuery;
        }

        return request.HasFormContentType ? (await request.ReadFormAsync(ct)).TryGetValue("cadence", out var fromForm) ? fromForm.ToString() : null : null;
    }

    /// <summary>A page for people; JSON (problem details for errors) for a client that asks for it.</summary>
    public static IResult ToResult(ActionAnswer answer, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(request);
        var wantsJson = request.GetTypedHeaders().Accept.Any(a => a.MediaType.Value is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase));
        if (!wantsJson)
        {
            return TypedResults.Content(answer.ToHtml(), "text/html; charset=utf-8", statusCode: answer.Status);
        }

        return answer.Status == StatusCodes.Status200OK
            ? TypedResults.Ok(new { answer.SubscriberId, answer.Title, answer.Message })
            : TypedResults.Problem(statusCode: answer.Status, title: answer.Title, detail: answer.Message);
    }
}
