using NewsMonitor.Http;

namespace NewsMonitor.Server.Api;

/// <summary>
/// The HTTP API under /api (the route table of the README, shared with the Functions app). Endpoints only
/// bind and map: the behaviour is in NewsMonitor.Management.
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapNewsMonitorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        HealthEndpoints.Map(api);
        UnsubscribeEndpoints.Map(api);

        var admin = api.MapGroup("")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        TermsEndpoints.Map(admin);
        SubscribersEndpoints.Map(admin);
        FeedsEndpoints.Map(admin);
        DigestsEndpoints.Map(admin);
        return app;
    }

    /// <summary>The whole body, read before parsing (see <see cref="RequestBodies"/>).</summary>
    internal static Task<MemoryStream> BufferBodyAsync(HttpRequest request, CancellationToken ct) => RequestBodies.BufferAsync(request, ct);
}
