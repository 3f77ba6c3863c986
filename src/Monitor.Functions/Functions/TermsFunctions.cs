using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using NewsMonitor.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Functions;

/// <summary>The watchlist over HTTP (function key): terms, the term tester and its "not relevant" reports, the watchlist file.</summary>
public sealed class TermsFunctions(TermsManager terms, TermTester tester)
{
    [Function("ListTerms")]
    public Task<IResult> ListTerms([HttpTrigger(AuthorizationLevel.Function, "get", Route = "terms")] HttpRequest request, CancellationToken ct) =>
        ResourceApi.List(terms, request, ct);

    [Function("CreateTerm")]
    public Task<IResult> CreateTerm([HttpTrigger(AuthorizationLevel.Function, "post", Route = "terms")] HttpRequest request, CancellationToken ct) =>
        ResourceApi.Create(terms, request, ct);

    [Function("GetTerm")]
    public Task<IResult> GetTerm([HttpTrigger(AuthorizationLevel.Function, "get", Route = "terms/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        ResourceApi.Get(terms, id, ct);

    [Function("UpdateTerm")]
    public Task<IResult> UpdateTerm([HttpTrigger(AuthorizationLevel.Function, "put", Route = "terms/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        ResourceApi.Update(terms, request, id, ct);

    [Function("DeleteTerm")]
    public Task<IResult> DeleteTerm([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "terms/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        ResourceApi.Delete(terms, id, ct);

    [Function("TestTerm")]
    public Task<IResult> TestTerm([HttpTrigger(AuthorizationLevel.Function, "post", Route = "terms/test")] HttpRequest request, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.Ok(await tester.TestAsync(await Api.ReadJsonAsync<TermTestRequest>(request, ct), ct)));

    [Function("ListTermFeedback")]
    public Task<IResult> ListTermFeedback([HttpTrigger(AuthorizationLevel.Function, "get", Route = "terms/{id}/feedback")] HttpRequest request, string id, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.Ok(await tester.FeedbackAsync(id, ct)));

    [Function("ExportWatchlist")]
    public Task<IResult> ExportWatchlist([HttpTrigger(AuthorizationLevel.Function, "get", Route = "watchlist")] HttpRequest request, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.Text(await terms.ExportAsync(ct), "application/json; charset=utf-8"));

    [Function("ImportWatchlist")]
    public Task<IResult> ImportWatchlist([HttpTrigger(AuthorizationLevel.Function, "put", Route = "watchlist")] HttpRequest request, CancellationToken ct) =>
        Api.Answer(async () =>
        {
            var replace = Api.Flag(request, "replace");
            await using var body = await RequestBodies.BufferAsync(request, ct);
            return TypedResults.Ok(await terms.ImportAsync(body, replace, ct));
        });
}
