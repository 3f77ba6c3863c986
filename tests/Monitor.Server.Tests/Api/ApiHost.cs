using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NewsMonitor.Server.Hosting;
using NewsMonitor.Storage;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Api;

/// <summary>
/// The Server's whole HTTP pipeline (ServerApp.Build: middleware, auth, routing, endpoints) on an in-memory
/// test server, or on Kestrel at 127.0.0.1 for a browser, with a temporary SQLite store and a fake clock. The
/// scheduler and queue workers are left out, so what a request queued stays in the queue for the test to see.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string Key = "test-admin-key";

    private readonly TempDirectory temp = new();
    private readonly WebApplication app;

    private readonly bool kestrel;

    private ApiHost(IEnumerable<string> settings, bool kestrel, Action<WebApplicationBuilder>? configure)
    {
        this.kestrel = kestrel;
        string[] args =
        [
            $"--Storage:DataDirectory={temp.Combine("data")}",
            $"--Delivery:PickupDirectory={temp.Combine("outbox")}",
            "--Feeds:AllowPrivateAddresses=true",
            "--Digests:SigningKey=test-signing-key",
            "--Digests:PublicBaseUrl=http://monitor.test",
            .. settings,
        ];
        app = ServerApp.Build(args, kestrel ? "http://127.0.0.1:0" : null, builder =>
        {
            if (!kestrel)
            {
                builder.WebHost.UseTestServer();
            }

            builder.Services.AddSingleton<TimeProvider>(Clock);
            foreach (var worker in builder.Services.Where(IsWorker).ToList())
            {
                builder.Services.Remove(worker);
            }

            configure?.Invoke(builder);
        });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => app.Services;

    public string OutboxPath => temp.Combine("outbox");

    /// <summary>Where a Kestrel host listens, such as http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A host with admin routes open (loopback, no key), or keyed when <paramref name="apiKey"/> is given.</summary>
    public static async Task<ApiHost> StartAsync(string? apiKey = null, IEnumerable<string>? settings = null, Action<WebApplicationBuilder>? configure = null, bool kestrel = false)
    {
        var host = new ApiHost([.. settings ?? [], .. apiKey is null ? Array.Empty<string>() : [$"--Api:Key={apiKey}"]], kestrel, configure);
        await ServerApp.StartAsync(host.app);
        host.BaseAddress = new Uri(kestrel ? host.app.Urls.First().TrimEnd('/') + "/" : "http://localhost/");
        host.Client = host.CreateClient();
        if (apiKey is not null)
        {
            host.Client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return host;
    }

    public HttpClient CreateClient() => kestrel ? new HttpClient { BaseAddress = BaseAddress } : app.GetTestClient();

    /// <summary>One request through the in-memory server, with the connection (remote address, say) set by the test.</summary>
    public Task<HttpContext> SendAsync(Action<HttpContext> configure) => app.GetTestServer().SendAsync(configure);

    public T Get<T>()
        where T : notnull => app.Services.GetRequiredService<T>();

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task SeedTermsAsync(params WatchTerm[] terms)
    {
        foreach (var term in terms)
        {
            await Get<ITermStore>().UpsertTermAsync(term);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        temp.Dispose();
    }

    private static bool IsWorker(ServiceDescriptor d) =>
        d.ServiceType == typeof(IHostedService)
        && (d.ImplementationType == typeof(QueueWorker) || d.ImplementationType == typeof(SchedulePollsJob) || d.ImplementationType == typeof(SendDigestsJob));
}

/// <summary>Reads what a failed request answered: an RFC 9457 problem document.</summary>
public static class Problems
{
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, int expectedStatus)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"expected {expectedStatus}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(expectedStatus, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static string Detail(this JsonElement problem) => problem.GetProperty("detail").GetString() ?? "";
}
