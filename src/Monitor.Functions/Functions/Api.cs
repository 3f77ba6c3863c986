using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsMonitor.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Functions;

/// <summary>
/// What every HTTP function does around its one management call, as the Server's endpoint binding and exception
/// handler do: read the JSON body or a query flag, and answer a management handler's problem as problem details.
/// </summary>
internal static class Api
{
    /// <summary>Runs the call; an <see cref="ApiProblemException"/> (400, 404, 409…) becomes its problem details.</summary>
    public static async Task<IResult> Answer(Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiProblemException e)
        {
            return ApiProblems.ToResult(e.Problem);
        }
    }

    /// <summary>The JSON body as <typeparamref name="T"/>, with the API's JSON options; 415 or 400 problems when it is not one.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            throw new ApiProblemException(ApiProblem.Invalid("a JSON object is required as the request body"));
        }

        if (!request.HasJsonContentType())
        {
            throw new ApiProblemException(new ApiProblem(415, "Unsupported media type", $"Expected a supported JSON media type but got \"{request.ContentType}\"."));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await request.ReadFromJsonAsync<T>(options, ct)
                ?? throw new ApiProblemException(ApiProblem.Invalid("a JSON object is required as the request body"));
        }
        catch (JsonException e)
        {
            throw new ApiProblemException(ApiProblem.Invalid($"the request body is not a valid {typeof(T).Name}: {e.Message}"));
        }
    }

    /// <summary>An optional true/false query parameter such as <c>?replace=true</c>.</summary>
    public static bool Flag(HttpRequest request, string name)
    {
        string? text = request.Query[name];
        return string.IsNullOrEmpty(text) ? false
            : bool.TryParse(text, out var value) ? value
            : throw new ApiProblemException(ApiProblem.Invalid(name, $"{name} must be true or false, found '{text}'"));
    }
}
