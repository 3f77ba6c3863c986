using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NewsMonitor.Server.Hosting;
using NewsMonitor.Testing;
using NewsMonitor.Tests.Functions;
using NewsMonitor.Tests.Support;

namespace NewsMonitor.Tests.Server;

/// <summary>
/// The Server's whole HTTP pipeline (ServerApp.Build) on an in-memory test server, its store and queues in
/// Azurite, with the Functions app's clock, signing key and public address, so that both hosts can be asked the
/// same questions. The scheduler and queue workers are left out.
/// </summary>
public sealed class ServerApiOnAzurite : IAsyncDisposable
{
    private readonly AzuriteScope scope;
    private readonly TempDirectory temp = new();
    private readonly WebApplication app;
    private readonly HttpClient client;

    private ServerApiOnAzurite(AzuriteScope scope)
    {
        this.scope = scope;
        string[] args =
        [
            .. scope.Settings.Select(s => $"--{s.Key}={s.Value}"),
            $"--Delivery:PickupDirectory={temp.Combine("outbox")}",
            "--Feeds:AllowPrivateAddresses=true",
            $"--Digests:SigningKey={FunctionsApp.SigningKey}",
            $"--Digests:PublicBaseUrl={FunctionsApp.PublicBaseUrl}",
        ];
        app = ServerApp.Build(args, configure: builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddSingleton<TimeProvider>(Clock);
            foreach (var worker in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Namespace == typeof(ServerApp).Namespace).ToList())
            {
                builder.Services.Remove(worker);
            }
        });
        app.StartAsync().GetAwaiter().GetResult();
        client = app.GetTestClient();
    }

    public FakeTimeProvider Clock { get; } = new(FunctionsApp.Start);

    public IServiceProvider Services => app.Services;

    public static async Task<ServerApiOnAzurite> StartAsync() => new(await AzuriteScope.CreateAsync());

    public async Task<ApiAnswer> SendAsync(ApiRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery);
        if (request.Accept is not null)
        {
            message.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(request.Accept));
        }

        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = request.ContentType is null ? null : MediaTypeHeaderValue.Parse(request.ContentType);
        }

        using var response = await client.SendAsync(message);
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new ApiAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, headers, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        await scope.DisposeAsync();
        temp.Dispose();
    }
}
