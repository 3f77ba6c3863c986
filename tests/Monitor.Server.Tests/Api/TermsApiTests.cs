using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Api;

public sealed class TermsApiTests : IAsyncLifetime
{
    private ApiHost host = null!;

    private HttpClient Client => host.Client;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_created_term_can_be_read_changed_and_deleted()
    {
        using var created = await Client.PostAsJsonAsync("/api/terms", new { id = "mistral", name = "Mistral", query = "Mistral -vent" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/terms/mistral", created.Headers.Location?.OriginalString);

        var read = await host.GetJsonAsync("/api/terms/mistral");
        Assert.Equal("Mistral -vent", read.GetProperty("query").GetString());
        Assert.False(read.GetProperty("matchCase").GetBoolean());
        Assert.True(read.GetProperty("enabled").GetBoolean());

        using var updated = await Client.PutAsJsonAsync("/api/terms/mistral", new { name = "Mistral AI", query = "\"Mistral AI\" OR Mistral -wind", enabled = false });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var stored = await host.Get<ITermStore>().GetTermAsync("mistral");
        Assert.Equal(new WatchTerm { Id = "mistral", Name = "Mistral AI", Query = "\"Mistral AI\" OR Mistral -wind", Enabled = false }, stored);

        using var deleted = await Client.DeleteAsync("/api/terms/mistral");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await Client.GetAsync("/api/terms/mistral");
        await gone.ReadProblemAsync(404);
    }

    [Fact]
    public async Task A_term_without_an_id_gets_one_made_from_its_name()
    {
        await host.SeedTermsAsync(new WatchTerm { Id = "ai-act", Name = "AI Act", Query = "\"AI Act\"" });

        using var created = await Client.PostAsJsonAsync("/api/terms", new { name = "AI Act (loi sur l'IA)", query = "\"loi sur l'IA\"" });
        using var again = await Client.PostAsJsonAsync("/api/terms", new { name = "AI Act", query = "\"AI Act\"" });

        Assert.Equal("ai-act-loi-sur-l-ia", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal("ai-act-2", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_invalid_query_is_refused_with_where_and_why_and_nothing_is_saved()
    {
        using var response = await Client.PostAsJsonAsync("/api/terms", new { id = "bad", name = "Bad", query = "Mistral AND (vent" });

        var problem = await response.ReadProblemAsync(400);
        Assert.Equal("Invalid query", problem.GetProperty("title").GetString());
        Assert.Equal(17, problem.GetProperty("position").GetInt32());
        Assert.Contains(")", problem.GetProperty("expected").GetString());
        Assert.Contains("position 17", problem.Detail());
        Assert.True(problem.GetProperty("errors").TryGetProperty("query", out _));
        Assert.Null(await host.Get<ITermStore>().GetTermAsync("bad"));
    }

    [Fact]
    public async Task An_update_with_an_invalid_query_leaves_the_term_as_it_was()
    {
        await host.SeedTermsAsync(new WatchTerm { Id = "mistral", Name = "Mistral", Query = "Mistral" });

        using var response = await Client.PutAsJsonAsync("/api/terms/mistral", new { name = "Mistral", query = "-vent" });

        await response.ReadProblemAsync(400);
        Assert.Equal("Mistral", (await host.Get<ITermStore>().GetTermAsync("mistral"))!.Query);
    }

    [Theory]
    [InlineData("{\"id\": \"x\", \"query\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"id\": \"x\", \"query\": 42}")]
    public async Task Invalid_json_is_a_400_problem_that_says_what_is_wrong(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/terms", content);

        var problem = await response.ReadProblemAsync(400);
        Assert.Contains("JSON", problem.Detail());
    }

    [Fact]
    public async Task Missing_fields_and_bad_ids_are_named()
    {
        using var response = await Client.PostAsJsonAsync("/api/terms", new { id = "has space", name = "x" });

        var errors = (await response.ReadProblemAsync(400)).GetProperty("errors");
        Assert.Contains("id 'has space'", errors.GetProperty("id")[0].GetString());
        Assert.Equal("query is required", errors.GetProperty("query")[0].GetString());
    }

    [Fact]
    public async Task Creating_an_existing_id_is_a_conflict()
    {
        await host.SeedTermsAsync(new WatchTerm { Id = "mistral", Name = "Mistral", Query = "Mistral" });

        using var response = await Client.PostAsJsonAsync("/api/terms", new { id = "mistral", query = "Mistral AI" });

        await response.ReadProblemAsync(409);
    }

    [Fact]
    public async Task Unknown_ids_are_404_for_every_verb()
    {
        using var get = await Client.GetAsync("/api/terms/nope");
        using var put = await Client.PutAsJsonAsync("/api/terms/nope", new { query = "x" });
        using var delete = await Client.DeleteAsync("/api/terms/nope");

        Assert.Contains("nope", (await get.ReadProblemAsync(404)).Detail());
        await put.ReadProblemAsync(404);
        await delete.ReadProblemAsync(404);
    }

    [Fact]
    public async Task The_list_is_paged_in_watchlist_order()
    {
        await host.SeedTermsAsync([.. Enumerable.Range(1, 7).Select(i => new WatchTerm { Id = $"t{i}", Name = $"T{i}", Query = $"word{i}" })]);

        var page = await host.GetJsonAsync("/api/terms?offset=2&limit=3");

        Assert.Equal(7, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("offset").GetInt32());
        Assert.Equal(3, page.GetProperty("limit").GetInt32());
        Assert.Equal(["t3", "t4", "t5"], page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=100000")]
    [InlineData("offset=-1")]
    [InlineData("limit=ten")]
    public async Task Bad_paging_is_a_400(string query)
    {
        using var response = await Client.GetAsync("/api/terms?" + query);

        await response.ReadProblemAsync(400);
    }

    [Fact]
    public async Task The_watchlist_file_round_trips_and_an_import_is_all_or_nothing()
    {
        await host.SeedTermsAsync(new WatchTerm { Id = "old", Name = "Old", Query = "old" });
        const string file = """{ "terms": [ { "id": "aiact", "name": "AI Act", "query": "\"AI Act\" OR \"loi sur l'IA\"" }, { "id": "old", "name": "Old", "query": "older" } ] }""";

        using var import = await Client.PutAsync("/api/watchlist", new StringContent(file, Encoding.UTF8, "application/json"));
        var summary = await import.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(1, summary.GetProperty("added").GetInt32());
        Assert.Equal(1, summary.GetProperty("updated").GetInt32());

        using var export = await Client.GetAsync("/api/watchlist");
        var exported = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement.GetProperty("terms");
        Assert.Equal(["old", "aiact"], exported.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal("\"AI Act\" OR \"loi sur l'IA\"", exported[1].GetProperty("query").GetString());

        const string broken = """{ "terms": [ { "id": "new", "query": "fine" }, { "id": "bad", "query": "a NEAR/x b" } ] }""";
        using var refused = await Client.PutAsync("/api/watchlist?replace=true", new StringContent(broken, Encoding.UTF8, "application/json"));
        Assert.Contains("term 'bad'", (await refused.ReadProblemAsync(400)).Detail());
        Assert.Equal(["old", "aiact"], (await host.Get<ITermStore>().ListTermsAsync()).Select(t => t.Id));
    }

    [Fact]
    public async Task Importing_with_replace_removes_the_terms_not_in_the_file()
    {
        await host.SeedTermsAsync(new WatchTerm { Id = "old", Name = "Old", Query = "old" });

        using var import = await Client.PutAsync("/api/watchlist?replace=true", new StringContent("""{ "terms": [ { "id": "new", "query": "new" } ] }""", Encoding.UTF8, "application/json"));

        Assert.Equal(1, (await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("removed").GetInt32());
        Assert.Equal(["new"], (await host.Get<ITermStore>().ListTermsAsync()).Select(t => t.Id));
    }

    [Fact]
    public async Task A_watchlist_that_is_not_one_is_a_400()
    {
        using var response = await Client.PutAsync("/api/watchlist", new StringContent("""{ "items": [] }""", Encoding.UTF8, "application/json"));

        Assert.Contains("\"terms\" array", (await response.ReadProblemAsync(400)).Detail());
    }
}
