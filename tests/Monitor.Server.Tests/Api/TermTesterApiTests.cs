using System.Net.Http.Json;
using System.Text.Json;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Api;

public sealed class TermTesterApiTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync()
    {
        host = await ApiHost.StartAsync();
        var articles = host.Get<IArticleStore>();
        var at = host.Clock.GetUtcNow();
        await articles.TryAddArticleAsync(Article("wind", "Le mistral souffle sur la vallée du Rhône", "Rafales de vent attendues.", at.AddMinutes(-3)));
        await articles.TryAddArticleAsync(Article("ai", "Mistral AI lève des fonds", "La start-up Mistral AI annonce un tour de table.", at.AddMinutes(-2)));
        await articles.TryAddArticleAsync(Article("other", "La Commission publie son rapport", "Rien sur l'IA.", at.AddMinutes(-1)));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Tuning_a_query_against_stored_articles_leaves_the_wind_out_and_shows_the_highlights()
    {
        var loose = await TestAsync(new { query = "Mistral" });
        var tuned = await TestAsync(new { query = "Mistral -vent -rafales" });

        Assert.Equal(3, loose.GetProperty("tested").GetInt32());
        Assert.Equal(["ai", "wind"], Ids(loose));
        Assert.Equal(["ai"], Ids(tuned));
        var match = tuned.GetProperty("matches")[0];
        var hits = match.GetProperty("title").EnumerateArray().Where(r => r.GetProperty("hit").GetBoolean()).Select(r => r.GetProperty("text").GetString());
        Assert.Equal(["Mistral"], hits);
        var span = match.GetProperty("highlights")[0];
        Assert.Equal("title", span.GetProperty("field").GetString());
        Assert.Equal(0, span.GetProperty("start").GetInt32());
        Assert.Equal(7, span.GetProperty("length").GetInt32());
        Assert.Contains("NOT", tuned.GetProperty("explained").GetString());
    }

    [Fact]
    public async Task Given_text_is_tested_on_its_own()
    {
        var result = await TestAsync(new { query = "\"IA Act\"", text = "Le vote de l’IA Act est reporté." });

        var runs = result.GetProperty("matches")[0].GetProperty("excerpt").EnumerateArray().ToList();
        Assert.Equal(1, result.GetProperty("tested").GetInt32());
        Assert.Equal("IA Act", runs.Single(r => r.GetProperty("hit").GetBoolean()).GetProperty("text").GetString());
        Assert.Equal("Le vote de l’IA Act est reporté.", string.Concat(runs.Select(r => r.GetProperty("text").GetString())));
    }

    [Fact]
    public async Task Text_that_does_not_match_gives_no_match()
    {
        var result = await TestAsync(new { query = "Mistral -vent", text = "Le mistral et le vent" });

        Assert.Empty(result.GetProperty("matches").EnumerateArray());
    }

    [Fact]
    public async Task Given_text_comes_with_why_it_did_not_match()
    {
        var result = await TestAsync(new
        {
            query = "(Mistral NOT NEAR/3 vent) NEAR/2 AI",
            text = "Le vent souffle sur Mistral AI.",
        });

        Assert.Empty(result.GetProperty("matches").EnumerateArray());
        var explanation = result.GetProperty("explanation");
        Assert.False(explanation.GetProperty("matched").GetBoolean());
        var near = explanation.GetProperty("query");
        Assert.Equal("near", near.GetProperty("kind").GetString());
        var notNear = near.GetProperty("operands")[0];
        Assert.Equal("notNear", notNear.GetProperty("kind").GetString());
        Assert.False(notNear.GetProperty("isTrue").GetBoolean());
        var excluded = notNear.GetProperty("excluded")[0];
        Assert.Equal(("Mistral", 20), (excluded.GetProperty("occurrence").GetProperty("text").GetString(), excluded.GetProperty("occurrence").GetProperty("start").GetInt32()));
        Assert.Equal(("vent", "content", 3), (excluded.GetProperty("excludedBy").GetProperty("text").GetString(), excluded.GetProperty("excludedBy").GetProperty("field").GetString(), excluded.GetProperty("excludedBy").GetProperty("start").GetInt32()));
        Assert.True(near.GetProperty("operands")[1].GetProperty("isTrue").GetBoolean());
    }

    [Fact]
    public async Task A_saved_term_can_be_tested_by_id_and_last_limits_the_articles()
    {
        await host.SeedTermsAsync(new WatchTerm { Id = "mistral", Name = "Mistral", Query = "Mistral" });

        var result = await TestAsync(new { termId = "mistral", last = 2 });

        Assert.Equal(2, result.GetProperty("tested").GetInt32());
        Assert.Equal(["ai"], Ids(result));
    }

    [Fact]
    public async Task An_invalid_query_an_unknown_term_or_nothing_to_test_are_refused()
    {
        using var invalid = await host.Client.PostAsJsonAsync("/api/terms/test", new { query = "Mistral NEAR/ vent" });
        using var unknown = await host.Client.PostAsJsonAsync("/api/terms/test", new { termId = "nope" });
        using var empty = await host.Client.PostAsJsonAsync("/api/terms/test", new { text = "hello" });
        using var tooMany = await host.Client.PostAsJsonAsync("/api/terms/test", new { query = "x", last = 1_000_000 });

        Assert.Equal(13, (await invalid.ReadProblemAsync(400)).GetProperty("position").GetInt32());
        await unknown.ReadProblemAsync(404);
        await empty.ReadProblemAsync(400);
        await tooMany.ReadProblemAsync(400);
    }

    private async Task<JsonElement> TestAsync(object request)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/terms/test", request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<string?> Ids(JsonElement result) =>
        result.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("articleId").GetString());

    private static Article Article(string id, string title, string summary, DateTimeOffset fetched) => new()
    {
        Id = id,
        FeedId = "feed",
        Url = $"https://news.example/{id}",
        Title = title,
        Summary = summary,
        FetchedAt = fetched,
    };
}
