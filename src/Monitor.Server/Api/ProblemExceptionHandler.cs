using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using NewsMonitor.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Server.Api;

/// <summary>Turns every error an endpoint raises into RFC 9457 problem details, with a message a person can act on.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var details = exception switch
        {
            ApiProblemException e => ApiProblems.ToProblemDetails(e.Problem),
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = Title(e.StatusCode), Detail = Describe(e) },
            _ => null,
        };
        if (details is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            details = new ProblemDetails { Status = 500, Title = "Server error", Detail = "the request failed on the server; the log has the details" };
        }

        httpContext.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    private static string Title(int status) => status switch
    {
        413 => "Request body too large",
        415 => "Unsupported media type",
        _ => "Invalid request",
    };

    /// <summary>The binder says which parameter failed; the JSON reader says where in the body.</summary>
    private static string Describe(BadHttpRequestException e) =>
        e.InnerException is JsonException json ? $"{e.Message} {json.Message}" : e.Message;
}
