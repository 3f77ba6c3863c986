using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using NewsMonitor.Digests;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Api;

/// <summary>
/// The links of a digest besides unsubscribe, taken from a real digest (the preview): anonymous and signed, GET shows
/// a page and changes nothing, POST stops a term, changes the cadence or records "not relevant", which the term tester shows.
/// </summary>
public sealed partial class DigestActionsApiTests : IAsyncLifetime
{
    private ApiHost host = null!;
    private HttpClient anonymous = null!;

    public async Task InitializeAsync()
    {
        // A keyed server: the links must work without the key, from a mail client.
        host = await ApiHost.StartAsync(ApiHost.Key);
        anonymous = host.CreateClient();
        await host.SeedTermsAsync(
            new WatchTerm { Id = "aiact", Name = "AI Act", Query = "\"AI Act\"" },
            new WatchTerm { Id = "mistral", Name = "Mistral", Query = "Mistral" });
        var subscribers = host.Get<ISubscriberStore>();
        await subscribers.UpsertSubscriberAsync(new Subscriber { Id = "ana", Email = "ana@example.org", Cadence = Cadence.Daily, TimeZone = "Europe/Paris" });
        await subscribers.UpsertSubscriberAsync(new Subscriber { Id = "bob", Email = "bob@example.org", Cadence = Cadence.Daily, Terms = ["mistral"] });
        await AddArticleAsync("a1", "Mistral AI lève des fonds", "La start-up annonce un tour de table.");
        await AddArticleAsync("a2", "Le AI Act et Mistral", "Le règlement s’applique.");
    }

    public async Task DisposeAsync()
    {
        anonymous.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_digest_carries_absolute_signed_links_for_each_term_entry_and_the_cadence()
    {
        var links = await LinksOfDigestAsync("ana");

        Assert.All(links.Keys, url => Assert.StartsWith("http://monitor.test/api/", url));
        Assert.Equal(
            [SignedAction.Unsubscribe("ana"), SignedAction.StopTerm("ana", "aiact"), SignedAction.StopTerm("ana", "mistral"), SignedAction.ChangeCadence("ana"),
                SignedAction.NotRelevant("ana", "aiact", "a2"), SignedAction.NotRelevant("ana", "mistral", "a1")],
            links.Values.OrderBy(a => a.Action).ThenBy(a => a.TermId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_on_every_link_shows_a_page_in_the_subscriber_s_language_and_changes_nothing()
    {
        var links = await LinksOfDigestAsync("ana");

        foreach (var url in links.Keys)
        {
            using var response = await anonymous.GetAsync(PathOf(url));
            var page = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<html lang=\"fr\">", page);
            Assert.Contains("<form method=\"post\"", page);
            Assert.Contains("width=device-width", page);
        }

        var ana = await SubscriberAsync("ana");
        Assert.Null(ana.Terms);
        Assert.Equal((Cadence.Daily, SubscriberState.Active), (ana.Cadence, ana.State));
        Assert.Empty(await host.Get<IFeedbackStore>().ListFeedbackForTermAsync("mistral"));
    }

    [Fact]
    public async Task Stopping_a_term_removes_it_once_and_the_last_one_offers_to_unsubscribe()
    {
        var stopMistral = Link(SignedAction.StopTerm("ana", "mistral"));
        var stopAiAct = Link(SignedAction.StopTerm("ana", "aiact"));

        var first = await PostAsync(stopMistral);
        var again = await PostAsync(stopMistral);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("ne recevra plus d’alertes pour « Mistral »", first.Page);
        Assert.Equal(["aiact"], (await SubscriberAsync("ana")).Terms);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("Déjà arrêté", again.Page);
        Assert.Equal(["aiact"], (await SubscriberAsync("ana")).Terms);

        using var confirm = await anonymous.GetAsync(stopAiAct);
        var confirmPage = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("est le dernier terme", confirmPage);
        Assert.Contains("action=\"unsubscribe?token=", confirmPage);

        var last = await PostAsync(stopAiAct);
        Assert.Contains("ne suit plus aucun terme", last.Page);
        Assert.Equal([], (await SubscriberAsync("ana")).Terms!);
        Assert.Equal(SubscriberState.Active, (await SubscriberAsync("ana")).State);

        // The page's unsubscribe button posts to the unsubscribe route, relative to /api/actions.
        var target = WebUtility.HtmlDecode(FormTarget().Matches(last.Page).Single(m => m.Groups[1].Value.StartsWith("unsubscribe?", StringComparison.Ordinal)).Groups[1].Value);
        var unsubscribed = await PostAsync("/api/" + target);
        Assert.Equal(HttpStatusCode.OK, unsubscribed.Status);
        Assert.Equal(SubscriberState.Unsubscribed, (await SubscriberAsync("ana")).State);
    }

    [Fact]
    public async Task The_cadence_page_lists_the_choices_with_the_current_one_marked_and_a_post_changes_it()
    {
        var link = Link(SignedAction.ChangeCadence("bob"));

        using var page = await anonymous.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<button type=\"button\" disabled>Daily at 08:00 (current)</button>", html);
        Assert.Equal(2, FormTarget().Matches(html).Count(m => m.Groups[1].Value.Contains("&amp;cadence=", StringComparison.Ordinal)));

        var hourly = WebUtility.HtmlDecode(FormTarget().Matches(html).Single(m => m.Groups[1].Value.EndsWith("cadence=hourly", StringComparison.Ordinal)).Groups[1].Value);
        var changed = await PostAsync("/api/actions" + hourly);
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Contains("now receives digests every hour", changed.Page);
        Assert.Equal(Cadence.Hourly, (await SubscriberAsync("bob")).Cadence);

        var refused = await PostAsync(link + "&cadence=weekly");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Choose one of: immediate, hourly, daily.", refused.Page);
        Assert.Equal(Cadence.Hourly, (await SubscriberAsync("bob")).Cadence);

        // A form field does the same as the query parameter.
        using var form = new FormUrlEncodedContent([new("cadence", "immediate")]);
        using var byForm = await anonymous.PostAsync(link, form);
        Assert.Equal(HttpStatusCode.OK, byForm.StatusCode);
        Assert.Equal(Cadence.Immediate, (await SubscriberAsync("bob")).Cadence);
    }

    [Fact]
    public async Task Not_relevant_is_recorded_once_and_the_term_tester_shows_it_with_whether_the_query_still_matches()
    {
        var first = await PostAsync(Link(SignedAction.NotRelevant("ana", "mistral", "a1")));
        var again = await PostAsync(Link(SignedAction.NotRelevant("ana", "mistral", "a1")));
        await PostAsync(Link(SignedAction.NotRelevant("bob", "mistral", "a1")));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("Merci", first.Page);
        Assert.Contains("Déjà noté", again.Page);
        var reports = await host.GetJsonAsync("/api/terms/mistral/feedback");
        Assert.Equal(["ana", "bob"], reports.EnumerateArray().Select(r => r.GetProperty("subscriberId").GetString()));
        Assert.Equal("Mistral AI lève des fonds", reports[0].GetProperty("title").GetString());
        Assert.Equal("https://news.example/a1", reports[0].GetProperty("url").GetString());

        var saved = await TestAsync(new { termId = "mistral", last = 10 });
        var tuned = await TestAsync(new { termId = "mistral", query = "Mistral -fonds", last = 10 });
        var unsaved = await TestAsync(new { query = "Mistral", last = 10 });

        var example = saved.GetProperty("examplesToExclude").EnumerateArray().Single();
        Assert.Equal(("a1", 2, true, true), (example.GetProperty("articleId").GetString(), example.GetProperty("flaggedBy").GetInt32(), example.GetProperty("stillMatches").GetBoolean(), example.GetProperty("articleStored").GetBoolean()));
        Assert.False(tuned.GetProperty("examplesToExclude")[0].GetProperty("stillMatches").GetBoolean());
        Assert.Equal(0, unsaved.GetProperty("examplesToExclude").GetArrayLength());
        using var unknown = await host.Client.GetAsync("/api/terms/nope/feedback");
        await unknown.ReadProblemAsync(404);
    }

    [Fact]
    public async Task A_term_deleted_since_the_digest_is_said_so_and_nothing_changes()
    {
        var stop = Link(SignedAction.StopTerm("bob", "mistral"));
        var report = Link(SignedAction.NotRelevant("bob", "mistral", "a1"));
        await host.Get<ITermStore>().DeleteTermAsync("mistral");

        using var get = await anonymous.GetAsync(stop);
        var post = await PostAsync(stop);
        var reported = await PostAsync(report);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Contains("was removed from the watchlist", post.Page);
        Assert.Equal(HttpStatusCode.NotFound, reported.Status);
        Assert.Equal(["mistral"], (await SubscriberAsync("bob")).Terms);
        Assert.Empty(await host.Get<IFeedbackStore>().ListFeedbackForTermAsync("mistral"));
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("expired")]
    [InlineData("unsubscribe token")]
    [InlineData("missing")]
    public async Task A_bad_link_is_a_400_page_and_changes_nothing(string kind)
    {
        var tokens = host.Get<ActionTokens>();
        var good = tokens.Create(SignedAction.StopTerm("bob", "mistral"));
        var token = kind switch
        {
            // Another term's payload under this link's signature.
            "tampered" => good.Replace(good.Split('.')[1], tokens.Create(SignedAction.StopTerm("bob", "aiact")).Split('.')[1]),
            "unsubscribe token" => tokens.Create(SignedAction.Unsubscribe("bob")),
            "missing" => "",
            _ => good,
        };
        if (kind == "expired")
        {
            host.Clock.Advance(TimeSpan.FromDays(61));
        }

        using var get = await anonymous.GetAsync($"/api/actions?token={Uri.EscapeDataString(token)}");
        var post = await PostAsync($"/api/actions?token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.Contains("damaged or has expired", post.Page);
        Assert.Equal(["mistral"], (await SubscriberAsync("bob")).Terms);
    }

    [Fact]
    public async Task An_action_token_does_not_unsubscribe_and_an_unknown_subscriber_is_a_404()
    {
        var refused = await PostAsync("/api/unsubscribe?token=" + Uri.EscapeDataString(host.Get<ActionTokens>().Create(SignedAction.ChangeCadence("bob"))));
        var unknown = await PostAsync(Link(SignedAction.StopTerm("gone", "mistral")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(SubscriberState.Active, (await SubscriberAsync("bob")).State);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    private async Task AddArticleAsync(string id, string title, string summary)
    {
        var article = new Article { Id = id, FeedId = "f", Url = $"https://news.example/{id}", Title = title, Summary = summary, FetchedAt = host.Clock.GetUtcNow() };
        await host.Get<IArticleStore>().TryAddArticleAsync(article);
        await host.Get<MatchArticleHandler>().HandleAsync(article.Id, CancellationToken.None);
    }

    /// <summary>Every signed link of the subscriber's next digest (its preview), with the action its token carries.</summary>
    private async Task<Dictionary<string, SignedAction>> LinksOfDigestAsync(string subscriberId)
    {
        using var response = await host.Client.GetAsync($"/api/subscribers/{subscriberId}/digest/preview");
        var html = await response.Content.ReadAsStringAsync();
        var links = new Dictionary<string, SignedAction>();
        foreach (var url in Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(u => u.StartsWith("http://monitor.test/", StringComparison.Ordinal)))
        {
            var token = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
            Assert.True(host.Get<ActionTokens>().TryValidate(token, out var action), url);
            links.Add(url, action);
        }

        return links;
    }

    private string Link(SignedAction action) => PathOf(ActionTokens.UrlFor("http://monitor.test", action.Action, host.Get<ActionTokens>().Create(action)));

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    private async Task<(HttpStatusCode Status, string Page)> PostAsync(string path)
    {
        using var response = await anonymous.PostAsync(path, null);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> TestAsync(object request)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/terms/test", request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<Subscriber> SubscriberAsync(string id) => (await host.Get<ISubscriberStore>().GetSubscriberAsync(id))!;

    [GeneratedRegex("<a href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex FormTarget();
}
