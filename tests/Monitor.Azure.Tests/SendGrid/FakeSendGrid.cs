using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.SendGrid;

/// <summary>
/// SendGrid's v3 mail/send has no local form, so this stands in for it on 127.0.0.1: it checks the bearer
/// key and the request's JSON shape as SendGrid does (401, 400 with SendGrid's error body), accepts with
/// 202, and answers what a test scripts next (a 429 with X-RateLimit-Reset, a 500, ...).
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    public const string ApiKey = "SG.test-key.for-the-fake";

    private readonly FeedServer server;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> script = new();
    private int requests;

    private FakeSendGrid(FeedServer server)
    {
        this.server = server;
        server.Handle("/v3/mail/send", HandleAsync);
    }

    public string Host => server.BaseUri.ToString().TrimEnd('/');

    /// <summary>Every request received, well-formed or not.</summary>
    public int Requests => requests;

    /// <summary>The messages accepted (answered 202), as the JSON SendGrid would have received.</summary>
    public ConcurrentQueue<JsonObject> Accepted { get; } = new();

    public static async Task<FakeSendGrid> StartAsync() => new(await FeedServer.StartAsync());

    public void ThenAnswer(int status, string? body = null, IDictionary<string, string>? headers = null) =>
        script.Enqueue(async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            if (body is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body);
            }
        });

    public void ThenRateLimit(DateTimeOffset resetAt) =>
        ThenAnswer(429, Errors("too many requests"), new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "600",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = resetAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public void ThenServerError(int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            ThenAnswer(500, Errors("internal error"));
        }
    }

    public static string Errors(string message, string? field = null) =>
        new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["field"] = field, ["help"] = null }) }.ToJsonString();

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        if (context.Request.Method != "POST")
        {
            context.Response.StatusCode = 405;
            return;
        }

        if (context.Request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
        {
            await Answer(context, 401, Errors("The provided authorization grant is invalid, expired, or revoked"));
            return;
        }

        JsonObject? mail;
        try
        {
            mail = await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body);
        }
        catch (JsonException)
        {
            await Answer(context, 400, Errors("Bad Request", null));
            return;
        }

        if (ShapeError(mail) is { } problem)
        {
            await Answer(context, 400, Errors(problem.Message, problem.Field));
            return;
        }

        if (script.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }

        Accepted.Enqueue(mail!);
        context.Response.StatusCode = 202;
        context.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
    }

    /// <summary>The checks SendGrid makes that a sender could get wrong.</summary>
    private static (string Message, string Field)? ShapeError(JsonObject? mail)
    {
        if (mail?["personalizations"] is not JsonArray { Count: > 0 } personalizations
            || personalizations[0]?["to"] is not JsonArray { Count: > 0 } to
            || string.IsNullOrEmpty(to[0]?["email"]?.GetValue<string>()))
        {
            return ("The to array is required for all personalization objects, and must have at least one email object with a valid email address.", "personalizations.0.to");
        }

        if (string.IsNullOrEmpty(mail["from"]?["email"]?.GetValue<string>()))
        {
            return ("The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.", "from");
        }

        if (string.IsNullOrEmpty(mail["subject"]?.GetValue<string>()) && string.IsNullOrEmpty(personalizations[0]?["subject"]?.GetValue<string>()))
        {
            return ("The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.", "subject");
        }

        if (mail["content"] is not JsonArray { Count: > 0 } content)
        {
            return ("Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.", "content");
        }

        if (content[0]?["type"]?.GetValue<string>() != "text/plain" && content.Any(c => c?["type"]?.GetValue<string>() == "text/plain"))
        {
            return ("If present, text/plain must be first, followed by text/html, followed by any other content.", "content");
        }

        return null;
    }

    private static async Task Answer(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
