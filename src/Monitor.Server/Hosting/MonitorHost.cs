using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsMonitor.Azure;
using NewsMonitor.Pipeline;

namespace NewsMonitor.Server.Hosting;

/// <summary>
/// Configuration the .NET way for every verb: appsettings.json (beside the executable), environment
/// variables (Feeds__Timeout), then "--Section:Key=value" arguments, then the verb's own options.
/// </summary>
public static class MonitorHost
{
    private static readonly AsyncLocal<Action<IServiceCollection>?> TestOverrides = new();

    /// <summary>Lets a test replace services (a fake clock, say) in every host the CLI builds within its async flow.</summary>
    public static Action<IServiceCollection>? TestServices
    {
        get => TestOverrides.Value;
        set => TestOverrides.Value = value;
    }

    public static IConfigurationManager Configure(IConfigurationManager configuration, IEnumerable<string> settingArgs, IDictionary<string, string?> overrides)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(settingArgs.ToArray());
        configuration.AddInMemoryCollection(overrides);
        return configuration;
    }

    /// <summary>A host for the one-shot verbs: logs go to stderr, errors only (the verb prints its own summary), so stdout stays for results.</summary>
    public static IHost BuildCli(IEnumerable<string> settingArgs, IDictionary<string, string?> overrides)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        Configure(builder.Configuration, settingArgs, overrides);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Error);
        AddServices(builder.Services, builder.Configuration);
        return builder.Build();
    }

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.Section));
        services.Configure<ScheduleOptions>(configuration.GetSection(ScheduleOptions.Section));
        TestServices?.Invoke(services);

        // Azure adapters go first so AddNewsMonitor's embedded defaults (TryAdd) give way to them.
        if (AzureStorageOptions.IsSelected(configuration))
        {
            services.AddNewsMonitorAzure(configuration);
        }
        else
        {
            services.AddSendGridSender(configuration);

            // The embedded store's queue lives in this process: a poll matches its new articles itself, from memory,
            // rather than queueing them for a stage that would read them back (unless "Pipeline:MatchInPoll" says otherwise).
            services.Configure<PipelineOptions>(o => o.MatchInPoll = true);
        }

        services.AddNewsMonitor(configuration);
        services.AddSingleton<StoreSeeder>();
    }
}
