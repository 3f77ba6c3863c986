using NewsMonitor.Management;

namespace NewsMonitor.Server.Api;

internal static class HealthEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/health", (HealthReporter health, CancellationToken ct) => health.ReportAsync(ct))
            .WithTags("Health")
            .WithName("GetHealth")
            .WithSummary("Status, feed counts and the feeds that are failing (anonymous)")
            .AllowAnonymous();
}
