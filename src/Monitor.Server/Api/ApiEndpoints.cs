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

    /// <summary>
    /// Reads the whole body (the size limit already applies) so that synchronous parsers such as the OPML
    /// reader never block on the network.
    /// </summary>
    internal static async Task<MemoryStream> BufferBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return buffer;
    }
}
