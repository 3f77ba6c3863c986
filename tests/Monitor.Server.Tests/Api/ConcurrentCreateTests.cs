using System.Net;
using System.Net.Http.Json;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Api;

/// <summary>Create is insert-if-absent: of clients creating one id at the same moment, one gets 201 and every other a 409.</summary>
public sealed class ConcurrentCreateTests : IAsyncLifetime
{
    private const int Clients = 20;

    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Twenty_clients_creating_one_term_get_one_201_and_nineteen_409s()
    {
        var statuses = await PostAllAsync("/api/terms", i => new { id = "mistral", name = $"Mistral {i}", query = $"Mistral OR client{i}" });

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(Clients - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        var winner = Array.IndexOf(statuses, HttpStatusCode.Created);
        Assert.Equal($"Mistral {winner}", (await host.Get<ITermStore>().GetTermAsync("mistral"))!.Name);
    }

    [Fact]
    public async Task Twenty_clients_creating_one_subscriber_get_one_201_and_nineteen_409s()
    {
        var statuses = await PostAllAsync("/api/subscribers", i => new { id = "ana", email = $"ana{i}@example.org" });

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(Clients - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        var winner = Array.IndexOf(statuses, HttpStatusCode.Created);
        Assert.Equal($"ana{winner}@example.org", (await host.Get<ISubscriberStore>().GetSubscriberAsync("ana"))!.Email);
    }

    private async Task<HttpStatusCode[]> PostAllAsync(string path, Func<int, object> body)
    {
        using var start = new ManualResetEventSlim();
        var posts = Enumerable.Range(0, Clients).Select(i => Task.Run(async () =>
        {
            start.Wait();
            using var response = await host.Client.PostAsJsonAsync(path, body(i));
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                await response.ReadProblemAsync(409);
            }

            return response.StatusCode;
        })).ToList();
        start.Set();
        return await Task.WhenAll(posts);
    }
}
