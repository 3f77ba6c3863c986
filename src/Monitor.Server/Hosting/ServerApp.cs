using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsMonitor.Http;
using NewsMonitor.Management;
using NewsMonitor.Server.Api;

namespace NewsMonitor.Server.Hosting;

/// <summary>The long-running host: the HTTP API, its OpenAPI document and the web page, plus the scheduler and queue workers.</summary>
public static class ServerApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <param name="settingArgs">"--Section:Key=value" settings.</param>
    /// <param name="urls">Where to listen; default "Urls" from configuration, then <see cref="DefaultUrl"/>.</param>
    /// <param name="configure">Runs last, before the app is built: tests swap the server (TestServer) or services here.</param>
    /// <exception cref="InvalidOperationException">The server would listen beyond loopback with no "Api:Key".</exception>
    public static WebApplication Build(string[] settingArgs, string? urls = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = settingArgs });
        MonitorHost.Configure(builder.Configuration, settingArgs, new Dictionary<string, string?>());
        var listen = urls ?? builder.Configuration["Urls"] ?? DefaultUrl;
        var api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        if (ListenAddresses.Problem(listen) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (string.IsNullOrEmpty(api.Key) && !ListenAddresses.AreLoopbackOnly(listen))
        {
            throw new InvalidOperationException(NeedsKey(listen));
        }

        builder.WebHost.UseKestrelCore().UseUrls(listen).ConfigureKestrel(k => k.Limits.MaxRequestBodySize = api.MaxBodyBytes);
        builder.Services.AddRouting();
        builder.Services.AddLogging(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
        MonitorHost.AddServices(builder.Services, builder.Configuration);
        builder.Services.AddNewsMonitorManagement(builder.Configuration);
        builder.Services.AddHostedService<QueueWorker>();
        builder.Services.AddHostedService<SchedulePollsJob>();
        builder.Services.AddHostedService<SendDigestsJob>();
        AddApi(builder);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseFileServer(new FileServerOptions
        {
            FileProvider = WebPage.Files,
            StaticFileOptions = { OnPrepareResponse = file => WebPage.ApplyHeaders(file.Context.Response) },
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapNewsMonitorApi();
        return app;
    }

    /// <summary>
    /// Starts the server, then checks what it actually bound: whatever the URLs or the configuration said, a server
    /// without "Api:Key" that ended up on a non-loopback address is stopped before it is used.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server bound beyond loopback with no "Api:Key" (it is stopped).</exception>
    public static async Task StartAsync(WebApplication app, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync(ct);
        var api = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        if (string.IsNullOrEmpty(api.Key) && bound.Count > 0 && !ListenAddresses.AreBoundToLoopbackOnly(bound))
        {
            await app.StopAsync(CancellationToken.None);
            throw new InvalidOperationException(NeedsKey(string.Join(";", bound)));
        }
    }

    private static string NeedsKey(string listen) =>
        $"listening on {listen} makes the API reachable from other machines: set an admin key (Api:Key, e.g. --Api:Key=… or the environment variable Api__Key), or listen on 127.0.0.1 only";

    private static void AddApi(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ApiOptions>(builder.Configuration.GetSection(ApiOptions.Section));
        services.AddNewsMonitorApiJson();

        // Binding errors (invalid JSON, a bad number) reach the exception handler with their message, as problem details.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddNewsMonitorOpenApi();
    }
}
