using NewsMonitor.Management;
using NewsMonitor.Storage;

namespace NewsMonitor.Server.Api;

internal static class TermsEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var terms = admin.MapResource<TermsManager, TermInput, WatchTerm>("/terms", new(
            "Term",
            "Terms",
            "Watchlist terms, in watchlist order",
            "Create a term; the query is checked (400 with position and reason); id made from the name when left out",
            "Replace a term; the query is checked"));

        terms.MapPost("/test", (TermTestRequest request, TermTester tester, CancellationToken ct) => tester.TestAsync(request, ct))
            .WithName("TestTerm").WithSummary("Run a query (saved: termId, or not: query) against the given text or the last N stored articles, with highlights")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        terms.MapGet("/{id}/feedback", (string id, TermTester tester, CancellationToken ct) => tester.FeedbackAsync(id, ct))
            .WithName("ListTermFeedback").WithSummary("The \"not relevant\" reports on a term from digest links: subscriber, article id, url, title, time")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapGet("/watchlist", async (TermsManager manager, CancellationToken ct) =>
                TypedResults.Text(await manager.ExportAsync(ct), "application/json; charset=utf-8"))
            .WithTags("Terms").WithName("ExportWatchlist").WithSummary("The watchlist file: { \"terms\": [ { id, name, query, matchCase } ] }")
            .Produces<string>(StatusCodes.Status200OK, "application/json");

        admin.MapPut("/watchlist", async (HttpRequest request, bool? replace, TermsManager manager, CancellationToken ct) =>
            {
                await using var body = await ApiEndpoints.BufferBodyAsync(request, ct);
                return await manager.ImportAsync(body, replace ?? false, ct);
            })
            .WithTags("Terms").WithName("ImportWatchlist")
            .WithSummary("Merge a watchlist file (replace=true: terms not in it are removed); all or nothing")
            .DocumentsFileBody("the watchlist file", "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
