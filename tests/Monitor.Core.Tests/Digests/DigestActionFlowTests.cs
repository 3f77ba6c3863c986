using NewsMonitor.Digests;
using NewsMonitor.Management;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Digests;

/// <summary>What a digest's links do to the subscriber, on the embedded store, below HTTP.</summary>
public sealed class DigestActionFlowTests : IDisposable
{
    private readonly DigestTestHost host = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => host.Dispose();

    private DigestActionFlow Flow => new(
        host.Get<ActionTokens>(), host.Get<ISubscriberStore>(), host.Get<ITermStore>(), host.Get<IArticleStore>(), host.Get<IFeedbackStore>(), host.Clock);

    private string Token(SignedAction action) => host.Get<ActionTokens>().Create(action);

    [Fact]
    public async Task Stopping_a_term_of_someone_following_every_term_leaves_every_other_term_of_the_watchlist()
    {
        await host.AddSubscriberAsync(new Subscriber { Id = "ana", Email = "ana@example.org" });

        var answer = await Flow.ApplyAsync(Token(SignedAction.StopTerm("ana", "mistral")), null, default);

        Assert.Equal(200, answer.Status);
        Assert.Equal(["aiact", "commission"], (await host.Get<ISubscriberStore>().GetSubscriberAsync("ana"))!.Terms);
    }

    [Fact]
    public async Task A_weekly_subscriber_sees_weekly_as_current_and_may_choose_a_link_s_cadence_but_not_weekly()
    {
        await host.AddSubscriberAsync(new Subscriber { Id = "bob", Email = "bob@example.org", Cadence = Cadence.Weekly, Day = DayOfWeek.Friday, At = new TimeOnly(17, 30) });
        var token = Token(SignedAction.ChangeCadence("bob"));

        var page = await Flow.ConfirmAsync(token, default);
        var refused = await Flow.ApplyAsync(token, "1", default);
        var unchanged = await host.Get<ISubscriberStore>().GetSubscriberAsync("bob");
        var daily = await Flow.ApplyAsync(token, "Daily", default);

        Assert.Equal(
            ["As soon as something matches", "Every hour", "Daily at 17:30", "Every Friday at 17:30 (current)"],
            page.Buttons.Select(b => b.Label));
        Assert.True(page.Buttons[^1].Current);
        Assert.Equal(400, refused.Status);
        Assert.Equal(Cadence.Weekly, unchanged!.Cadence);
        Assert.Equal("b•••@example.org now receives digests daily at 17:30.", daily.Message);
        Assert.Equal(Cadence.Daily, (await host.Get<ISubscriberStore>().GetSubscriberAsync("bob"))!.Cadence);
    }

    [Fact]
    public async Task Not_relevant_keeps_the_article_s_url_and_title_and_an_article_gone_records_nothing()
    {
        await host.AddSubscriberAsync(new Subscriber { Id = "zoe", Email = "zoe@example.org", TimeZone = "Europe/Paris" });
        await host.AddMatchAsync("zoe", "a1", "mistral");

        var recorded = await Flow.ApplyAsync(Token(SignedAction.NotRelevant("zoe", "mistral", "a1")), null, default);
        var gone = await Flow.ApplyAsync(Token(SignedAction.NotRelevant("zoe", "mistral", "a9")), null, default);

        Assert.Equal((200, "fr", "Merci"), (recorded.Status, recorded.Language, recorded.Title));
        Assert.Equal(404, gone.Status);
        var report = Assert.Single(await host.Get<IFeedbackStore>().ListFeedbackForTermAsync("mistral"));
        Assert.Equal(new ArticleFeedback("zoe", "mistral", "a1", "https://news.example/a1", "Article a1", host.Clock.GetUtcNow()), report);
    }
}
