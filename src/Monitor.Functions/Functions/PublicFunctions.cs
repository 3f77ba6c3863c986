using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using NewsMonitor.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Functions;

/// <summary>
/// The anonymous routes: health, the unsubscribe link of every digest (the signed token is the authority), and
/// the web page, whose API calls carry the function key the person types into it.
/// </summary>
public sealed class PublicFunctions(HealthReporter health, UnsubscribeFlow unsubscribe)
{
    [Function("Health")]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.Ok(await health.ReportAsync(ct)));

    [Function("ConfirmUnsubscribe")]
    public async Task<IResult> ConfirmUnsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "unsubscribe")] HttpRequest request, CancellationToken ct)
    {
        string? token = request.Query["token"];
        return UnsubscribeAnswers.ToResult(await unsubscribe.ConfirmAsync(token, ct), token, request);
    }

    /// <summary>Also what one-click unsubscribe (RFC 8058) posts ("List-Unsubscribe=One-Click"); the body adds nothing.</summary>
    [Function("Unsubscribe")]
    public async Task<IResult> Unsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "unsubscribe")] HttpRequest request, CancellationToken ct)
    {
        string? token = request.Query["token"];
        return UnsubscribeAnswers.ToResult(await unsubscribe.UnsubscribeAsync(token, ct), token, request);
    }

    /// <summary>"/api/page/" and its files; "/api/page" is sent to "/api/page/" so that the page's relative links resolve.</summary>
    [Function("Page")]
    public IResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "page/{*file}")] HttpRequest request, string? file) =>
        string.IsNullOrEmpty(file) && request.Path.Value?.EndsWith('/') != true
            ? TypedResults.Redirect($"{request.PathBase}{request.Path}/")
            : WebPage.Serve(file, request.HttpContext.Response);
}
