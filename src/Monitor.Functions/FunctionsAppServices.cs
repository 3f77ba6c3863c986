using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Azure;
using NewsMonitor.Http;
using NewsMonitor.Management;
using NewsMonitor.Pipeline;

namespace NewsMonitor.Functions;

/// <summary>The services the functions take, composed once for Program.cs and for the tests that call the functions.</summary>
public static class FunctionsAppServices
{
    public static IServiceCollection AddNewsMonitorFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNewsMonitorAzure(configuration);
        services.AddNewsMonitor(configuration);
        services.AddNewsMonitorManagement(configuration);
        services.AddNewsMonitorApiJson().AddProblemDetails();
        return services;
    }
}
