using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using NewsMonitor.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Functions;

/// <summary>
/// The anonymous routes: health, the signed links of every digest (unsubscribe and the other actions; the token is the authority), and
/// the web page, whose API calls carry the function key the person types into it.
/// </summary>
public sealed class PublicFunctions(HealthReporter health, UnsubscribeFlow unsubscribe, DigestActionFlow actions)
{
    [Function("Health")]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.Ok(await health.ReportAsync(ct)));

    [Function("ConfirmUnsubscribe")]
    public async Task<IResult> ConfirmUnsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "unsubscribe")] HttpRequest request, CancellationToken ct) =>
        ActionAnswers.ToResult(await unsubscribe.ConfirmAsync(ActionAnswers.Token(request), ct), request);

    /// <summary>Also what one-click unsubscribe (RFC 8058) posts ("List-Unsubscribe=One-Click"); the body adds nothing.</summary>
    [Function("Unsubscribe")]
    public async Task<IResult> Unsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "unsubscribe")] HttpRequest request, CancellationToken ct) =>
        ActionAnswers.ToResult(await unsubscribe.UnsubscribeAsync(ActionAnswers.Token(request), ct), request);

    /// <summary>A digest's stop-term, cadence or not-relevant link: says what it would do, changes nothing.</summary>
    [Function("ConfirmDigestAction")]
    public async Task<IResult> ConfirmDigestAction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "actions")] HttpRequest request, CancellationToken ct) =>
        ActionAnswers.ToResult(await actions.ConfirmAsync(ActionAnswers.Token(request), ct), request);

    [Function("DigestAction")]
    public async Task<IResult> DigestAction([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "actions")] HttpRequest request, CancellationToken ct) =>
        ActionAnswers.ToResult(await actions.ApplyAsync(ActionAnswers.Token(request), await ActionAnswers.ChoiceAsync(request, ct), ct), request);

    /// <summary>"/api/page/" and its files; "/api/page" is sent to "/api/page/" so that the page's relative links resolve.</summary>
    [Function("Page")]
    public IResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "page/{*file}")] HttpRequest request, string? file) =>
        string.IsNullOrEmpty(file) && request.Path.Value?.EndsWith('/') != true
            ? TypedResults.Redirect($"{request.PathBase}{request.Path}/")
            : WebPage.Serve(file, request.HttpContext.Response);
}
