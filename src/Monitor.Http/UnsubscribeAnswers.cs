using Microsoft.AspNetCore.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Http;

/// <summary>What the unsubscribe link answers over HTTP.</summary>
public static class UnsubscribeAnswers
{
    /// <summary>A page for people; JSON (problem details for errors) for a client that asks for it.</summary>
    public static IResult ToResult(UnsubscribeAnswer answer, string? token, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(request);
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
