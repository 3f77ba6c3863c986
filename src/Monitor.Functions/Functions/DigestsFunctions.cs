using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using NewsMonitor.Management;

namespace NewsMonitor.Functions;

/// <summary>Send now and the digest preview over HTTP (function key).</summary>
public sealed class DigestsFunctions(OnDemandActions actions, DigestPreviewer previewer)
{
    [Function("SendDueDigestsNow")]
    public Task<IResult> SendDueDigestsNow([HttpTrigger(AuthorizationLevel.Function, "post", Route = "digests/send")] HttpRequest request, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.Ok(await actions.SendDueAsync(ct)));

    [Function("SendDigestNow")]
    public Task<IResult> SendDigestNow([HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscribers/{id}/digest/send")] HttpRequest request, string id, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.Ok(await actions.SendOneAsync(id, ct)));

    [Function("PreviewDigest")]
    public Task<IResult> PreviewDigest([HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscribers/{id}/digest/preview")] HttpRequest request, string id, CancellationToken ct) =>
        Api.Answer(async () =>
        {
            var preview = await previewer.PreviewAsync(id, ct);
            return request.Query["format"] == "text"
                ? TypedResults.Text(preview.Text, "text/plain; charset=utf-8")
                : TypedResults.Text(preview.Html, "text/html; charset=utf-8");
        });
}
