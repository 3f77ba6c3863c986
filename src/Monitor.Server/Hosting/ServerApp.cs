using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Storage;

namespace NewsMonitor.Server.Hosting;

/// <summary>The long-running host: API endpoints plus the scheduler and queue workers.</summary>
public static class ServerApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] settingArgs, string? urls = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = settingArgs });
        MonitorHost.Configure(builder.Configuration, settingArgs, new Dictionary<string, string?>());
        builder.WebHost.UseKestrelCore().UseUrls(urls ?? builder.Configuration["Urls"] ?? DefaultUrl);
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(logging => logging.AddConsole());
        MonitorHost.AddServices(builder.Services, builder.Configuration);
        builder.Services.AddHostedService<QueueWorker>();
        builder.Services.AddHostedService<SchedulePollsJob>();
        builder.Services.AddHostedService<SendDigestsJob>();

        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/api/health", async (IFeedStore feeds, CancellationToken ct) =>
        {
            var all = await feeds.ListFeedsAsync(ct);
            return Results.Ok(new { status = "ok", feeds = all.Count, unhealthyFeeds = all.Count(f => !f.Health.IsHealthy) });
        });
        return app;
    }
}
