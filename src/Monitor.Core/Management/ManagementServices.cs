using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NewsMonitor.Management;

/// <summary>The handlers behind the HTTP API, for any host; call after AddNewsMonitor.</summary>
public static class ManagementServices
{
    public static IServiceCollection AddNewsMonitorManagement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TermsManager>();
        services.AddSingleton<TermTester>();
        services.AddSingleton<SubscribersManager>();
        services.AddSingleton<FeedsManager>();
        services.AddSingleton<OnDemandActions>();
        services.AddSingleton<DigestPreviewer>();
        services.AddSingleton<HealthReporter>();
        services.AddSingleton<UnsubscribeFlow>();
        services.AddSingleton<DigestActionFlow>();
        return services;
    }
}
