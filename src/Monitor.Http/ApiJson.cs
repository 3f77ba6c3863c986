using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Storage;

namespace NewsMonitor.Http;

/// <summary>The API's JSON: ASP.NET Core's web defaults (camelCase) with the store's converters (enums as strings).</summary>
public static class ApiJson
{
    public static IServiceCollection AddNewsMonitorApiJson(this IServiceCollection services) =>
        services.Configure<JsonOptions>(o =>
        {
            foreach (var converter in StorageJson.Options.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
}
