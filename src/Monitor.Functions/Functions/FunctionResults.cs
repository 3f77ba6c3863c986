using Microsoft.AspNetCore.Mvc;
using NewsMonitor.Storage;

namespace NewsMonitor.Functions;

/// <summary>The HTTP answers of the API contract: camelCase JSON, RFC 9457 problem details for errors.</summary>
internal static class FunctionResults
{
    public static JsonResult Json(object value, int status = 200) => new(value, StorageJson.Options) { StatusCode = status };

    public static ObjectResult NotFound(string detail) =>
        new(new ProblemDetails { Status = 404, Title = "Not Found", Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5", Detail = detail })
        {
            StatusCode = 404,
            ContentTypes = { "application/problem+json" },
        };
}
