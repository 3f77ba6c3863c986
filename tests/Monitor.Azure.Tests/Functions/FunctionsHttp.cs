using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Functions;

namespace NewsMonitor.Tests.Functions;

/// <summary>An HTTP request as a test writes it: method, path with query, optional body and headers.</summary>
public sealed record ApiRequest(string Method, string PathAndQuery, string? Body = null, string? ContentType = "application/json", string? Accept = null);

/// <summary>What came back: status, media type, headers and body text.</summary>
public sealed record ApiAnswer(int Status, string? MediaType, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode? Json => JsonNode.Parse(Body);
}

/// <summary>
/// The host's HTTP part, played from functions.metadata: a request is routed to the function whose route
/// template and method match (literal segments before parameters, as the host's router does), its class is
/// created from the app's services, its parameters bound (the HttpRequest, route values by name, the
/// cancellation token), and the IResult it returns executed on the request's HttpContext, as the ASP.NET Core
/// integration does. Authorization levels are the host's job and are checked in the metadata tests.
/// </summary>
public sealed class FunctionsHttp(IServiceProvider services)
{
    private static readonly IReadOnlyList<Route> Routes = [.. FunctionsMetadata.Document().Select(Route.From).OfType<Route>()];

    public async Task<ApiAnswer> SendAsync(ApiRequest request)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        var (path, query) = request.PathAndQuery.Split('?', 2) switch { [var p] => (p, ""), [var p, var q] => (p, "?" + q), _ => throw new ArgumentException(request.PathAndQuery) };
        context.Request.Method = request.Method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("func-test.azurewebsites.net");
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        if (request.Accept is not null)
        {
            context.Request.Headers.Accept = request.Accept;
        }

        if (request.Body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(request.Body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = request.ContentType;
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        var (route, values) = Match(request.Method, path);
        var result = await route.InvokeAsync(services, context.Request, values);
        await result.ExecuteAsync(context);
        return new ApiAnswer(
            context.Response.StatusCode,
            context.Response.ContentType?.Split(';')[0],
            context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await ReadTextAsync(body));
    }

    /// <summary>The body as text, a byte order mark left out (as HttpClient reads the Server's answers).</summary>
    private static async Task<string> ReadTextAsync(MemoryStream body)
    {
        body.Position = 0;
        using var reader = new StreamReader(body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>The function names of the HTTP functions with their method and route ("GET /api/terms/{id}").</summary>
    public static IReadOnlyList<string> Operations => [.. Routes.Select(r => $"{r.Method} {FunctionsMetadata.RoutePrefix}/{r.Template.TemplateText}")];

    private static (Route Route, RouteValueDictionary Values) Match(string method, string path)
    {
        Assert.StartsWith(FunctionsMetadata.RoutePrefix + "/", path, StringComparison.Ordinal);
        path = path[FunctionsMetadata.RoutePrefix.Length..];
        foreach (var route in Routes.Where(r => r.Method == method).OrderByDescending(r => r.Template.Segments.Count(s => s.IsSimple && s.Parts[0].IsLiteral)))
        {
            var values = new RouteValueDictionary();
            if (route.Matcher.TryMatch(path, values))
            {
                return (route, values);
            }
        }

        throw new InvalidOperationException($"no HTTP function answers {method} {path}");
    }

    private sealed record Route(string Method, RouteTemplate Template, TemplateMatcher Matcher, MethodInfo Function)
    {
        public static Route? From(JsonNode? function)
        {
            var trigger = function!["bindings"]!.AsArray().Single(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!;
            if ((string)trigger["type"]! != "httpTrigger")
            {
                return null;
            }

            var entryPoint = (string)function["entryPoint"]!;
            var split = entryPoint.LastIndexOf('.');
            var type = typeof(FunctionsAppServices).Assembly.GetType(entryPoint[..split], throwOnError: true)!;
            var template = TemplateParser.Parse((string)trigger["route"]!);
            return new Route(
                ((string)trigger["methods"]![0]!).ToUpperInvariant(),
                template,
                new TemplateMatcher(template, new RouteValueDictionary()),
                type.GetMethod(entryPoint[(split + 1)..])!);
        }

        public async Task<IResult> InvokeAsync(IServiceProvider services, HttpRequest request, RouteValueDictionary values)
        {
            var target = ActivatorUtilities.CreateInstance(services, Function.DeclaringType!);
            var arguments = Function.GetParameters().Select(p =>
                p.ParameterType == typeof(HttpRequest) ? request
                : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
                : (object?)values[p.Name!]?.ToString()).ToArray();
            return Function.Invoke(target, arguments) switch
            {
                Task<IResult> task => await task,
                IResult result => result,
                var other => throw new InvalidOperationException($"{Function.Name} returned {other?.GetType().Name ?? "null"}, not an IResult"),
            };
        }
    }
}
