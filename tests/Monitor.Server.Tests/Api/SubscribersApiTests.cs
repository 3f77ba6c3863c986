using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Api;

public sealed class SubscribersApiTests : IAsyncLifetime
{
    private ApiHost host = null!;

    private HttpClient Client => host.Client;

    public async Task InitializeAsync()
    {
        host = await ApiHost.StartAsync();
        await host.SeedTermsAsync(
            new WatchTerm { Id = "aiact", Name = "AI Act", Query = "\"AI Act\"" },
            new WatchTerm { Id = "mistral", Name = "Mistral", Query = "Mistral" });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_created_subscriber_is_stored_as_given_and_shown_in_the_file_words()
    {
        using var created = await Client.PostAsJsonAsync("/api/subscribers", new
        {
            id = "ana",
            email = "ana@example.org",
            name = "Ana",
            terms = new List<string> { "aiact" },
            cadence = "weekly",
            at = "7:30",
            day = "Friday",
            timeZone = "Europe/Paris",
            language = "en",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/subscribers/ana", created.Headers.Location?.OriginalString);
        var shown = await host.GetJsonAsync("/api/subscribers/ana");
        Assert.Equal("weekly", shown.GetProperty("cadence").GetString());
        Assert.Equal("07:30", shown.GetProperty("at").GetString());
        Assert.Equal("friday", shown.GetProperty("day").GetString());
        Assert.Equal("active", shown.GetProperty("state").GetString());
        var stored = await host.Get<ISubscriberStore>().GetSubscriberAsync("ana");
        Assert.Equal(Cadence.Weekly, stored!.Cadence);
        Assert.Equal(new TimeOnly(7, 30), stored.At);
        Assert.Equal(DayOfWeek.Friday, stored.Day);
        Assert.Equal(["aiact"], stored.Terms);
        Assert.Equal(("en", "en"), (shown.GetProperty("language").GetString(), stored.Language));
    }

    [Fact]
    public async Task Defaults_fill_what_is_left_out_and_the_id_comes_from_the_email()
    {
        using var created = await Client.PostAsJsonAsync("/api/subscribers", new { email = "Bob.Martin@example.org" });

        var shown = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bob-martin", shown.GetProperty("id").GetString());
        Assert.Equal("daily", shown.GetProperty("cadence").GetString());
        Assert.Equal("08:00", shown.GetProperty("at").GetString());
        Assert.Equal("UTC", shown.GetProperty("timeZone").GetString());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("terms").ValueKind);
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("language").ValueKind); // from the time zone
    }

    [Theory]
    [InlineData("email", "not-an-email", "email 'not-an-email' is not a valid address")]
    [InlineData("email", "ana@localhost", "email 'ana@localhost' is not a valid address")]
    [InlineData("timeZone", "Mars/Olympus", "time zone 'Mars/Olympus' is unknown")]
    [InlineData("cadence", "sometimes", "cadence 'sometimes' is not one of immediate, hourly, daily, weekly")]
    [InlineData("at", "25:00", "at '25:00' is not a time such as 08:00")]
    [InlineData("day", "someday", "day 'someday' is not one of sunday")]
    [InlineData("state", "gone", "state 'gone' is not one of active, paused, unsubscribed")]
    [InlineData("language", "de", "language 'de' is not one of en, fr")]
    public async Task Each_invalid_field_is_named_with_the_reason(string field, string value, string message)
    {
        var body = new Dictionary<string, object> { ["id"] = "ana", ["email"] = "ana@example.org", [field] = value };

        using var response = await Client.PostAsJsonAsync("/api/subscribers", body);

        var problem = await response.ReadProblemAsync(400);
        Assert.StartsWith(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Null(await host.Get<ISubscriberStore>().GetSubscriberAsync("ana"));
    }

    [Fact]
    public async Task Following_an_unknown_term_is_refused()
    {
        using var response = await Client.PostAsJsonAsync("/api/subscribers", new { id = "ana", email = "ana@example.org", terms = new List<string> { "aiact", "typo" } });

        Assert.Contains("unknown term 'typo'", (await response.ReadProblemAsync(400)).Detail());
    }

    [Fact]
    public async Task An_update_replaces_the_subscriber_and_a_delete_removes_it()
    {
        using var _ = await Client.PostAsJsonAsync("/api/subscribers", new { id = "ana", email = "ana@example.org", cadence = "hourly" });

        using var updated = await Client.PutAsJsonAsync("/api/subscribers/ana", new { email = "ana@example.com", state = "paused", terms = new List<string> { "mistral" } });
        var shown = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("ana@example.com", shown.GetProperty("email").GetString());
        Assert.Equal("paused", shown.GetProperty("state").GetString());
        Assert.Equal("daily", shown.GetProperty("cadence").GetString());

        using var renamed = await Client.PutAsJsonAsync("/api/subscribers/ana", new { id = "other", email = "ana@example.com" });
        await renamed.ReadProblemAsync(400);

        using var deleted = await Client.DeleteAsync("/api/subscribers/ana");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await host.Get<ISubscriberStore>().GetSubscriberAsync("ana"));
    }

    [Fact]
    public async Task Unknown_subscribers_are_404_and_taken_ids_409()
    {
        using var _ = await Client.PostAsJsonAsync("/api/subscribers", new { id = "ana", email = "ana@example.org" });

        using var get = await Client.GetAsync("/api/subscribers/zed");
        using var put = await Client.PutAsJsonAsync("/api/subscribers/zed", new { email = "zed@example.org" });
        using var delete = await Client.DeleteAsync("/api/subscribers/zed");
        using var again = await Client.PostAsJsonAsync("/api/subscribers", new { id = "ana", email = "ana@example.org" });

        await get.ReadProblemAsync(404);
        await put.ReadProblemAsync(404);
        await delete.ReadProblemAsync(404);
        await again.ReadProblemAsync(409);
    }

    [Fact]
    public async Task Invalid_json_and_an_empty_body_are_400()
    {
        using var broken = await Client.PostAsync("/api/subscribers", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));
        using var empty = await Client.PostAsync("/api/subscribers", new StringContent("", Encoding.UTF8, "application/json"));
        using var none = await Client.PutAsync("/api/subscribers/ana", new StringContent("null", Encoding.UTF8, "application/json"));

        await broken.ReadProblemAsync(400);
        await empty.ReadProblemAsync(400);
        await none.ReadProblemAsync(400);
    }

    [Fact]
    public async Task The_list_is_paged()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await host.Get<ISubscriberStore>().UpsertSubscriberAsync(new Subscriber { Id = name, Email = $"{name}@example.org" });
        }

        var page = await host.GetJsonAsync("/api/subscribers?limit=2");

        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
    }
}
