using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using NewsMonitor.Functions;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Functions;

/// <summary>Every function method, called as the runtime calls it, on Azurite-backed storage.</summary>
public sealed class FunctionTests : IAsyncLifetime
{
    private FunctionsApp app = null!;

    public async Task InitializeAsync()
    {
        app = await FunctionsApp.StartAsync();
        await app.SeedAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_poll_timer_queues_each_due_feed_once_while_its_poll_waits()
    {
        var timers = app.Create<ScheduleFunctions>();

        await timers.SchedulePolls(new TimerInfo(), CancellationToken.None);
        await timers.SchedulePolls(new TimerInfo { IsPastDue = true }, CancellationToken.None);

        Assert.Equal(["en", "fr"], (await app.BodiesAsync(QueueNames.FeedPolls)).Order());
    }

    [Fact]
    public async Task Polling_a_feed_stores_its_articles_and_queues_the_new_ones_once_in_one_message()
    {
        await app.SendAsync(QueueNames.FeedPolls, "fr");
        var message = Assert.Single(await app.TakeAllAsync(QueueNames.FeedPolls));
        var queues = app.Create<QueueFunctions>();

        await queues.PollFeed(message, CancellationToken.None);
        await queues.PollFeed(message, CancellationToken.None);

        var queued = await app.BodiesAsync(QueueNames.Articles);
        var stored = await app.Service<IArticleStore>().ListRecentArticlesAsync(100);
        Assert.Equal(stored.Select(a => a.Id).Order(), ArticleBatchMessage.Parse(Assert.Single(queued)).Ids.Order());
        Assert.Contains(stored, a => a.Url.StartsWith("https://gazette.example.fr/2026/11/commission-mistral", StringComparison.Ordinal));
        Assert.NotNull((await app.Service<IFeedStore>().GetFeedAsync("fr"))!.Health.LastSuccessAt);
    }

    [Fact]
    public async Task A_cycle_of_many_feeds_queues_one_article_message_per_feed_and_alerts_each_immediate_subscriber_once()
    {
        const int feeds = 6, items = 20;
        for (var f = 0; f < feeds; f++)
        {
            var rss = string.Concat(Enumerable.Range(0, items).Select(i =>
                $"<item><title>Mistral et l’AI Act, épisode {f}-{i}</title><link>https://bulk.example/{f}/{i}</link><description>Texte {i}.</description></item>"));
            app.Feeds.Serve($"bulk{f}.xml", $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bulk {f}</title>{rss}</channel></rss>");
            await app.Service<IFeedStore>().UpsertFeedAsync(new FeedSource { Id = $"bulk{f}", Url = app.Feeds.UrlOf($"bulk{f}.xml").ToString() });
        }

        var queues = app.Create<QueueFunctions>();
        await app.Create<ScheduleFunctions>().SchedulePolls(new TimerInfo(), CancellationToken.None);
        await app.DeliverAsync(QueueNames.FeedPolls, m => queues.PollFeed(m, CancellationToken.None));
        var messages = await app.TakeAllAsync(QueueNames.Articles);
        var alertsPerMessage = new List<IReadOnlyList<string>>();
        foreach (var message in messages)
        {
            await queues.MatchArticle(message, CancellationToken.None);
            alertsPerMessage.Add((await app.TakeAllAsync(QueueNames.Alerts)).Select(m => m.Body.ToString()).ToList());
        }

        // The two seeded feeds and the bulk ones: one message each, not one per article.
        Assert.Equal(feeds + 2, messages.Count);
        var queuedIds = messages.SelectMany(m => ArticleBatchMessage.Parse(m.Body.ToString()).Ids).ToList();
        Assert.Equal((await app.Service<IArticleStore>().ListRecentArticlesAsync(1000)).Select(a => a.Id).Order(), queuedIds.Order());
        Assert.True(queuedIds.Count > feeds * items);
        Assert.Empty(await app.Service<IArticleStore>().ListUnmatchedArticleIdsAsync(1000));
        // Every feed has articles that "ana", the one immediate subscriber, follows: one alert per batch, not one per article.
        Assert.All(alertsPerMessage, a => Assert.Equal(["ana"], a));
        var bulk = Enumerable.Range(0, feeds).SelectMany(f => Enumerable.Range(0, items).Select(i => NewsMonitor.Feeds.ArticleIdentity.ForUrl(new Uri($"https://bulk.example/{f}/{i}")))).ToHashSet();
        Assert.Equal(feeds * items, (await app.Service<IMatchStore>().ListPendingAsync("ana")).Count(p => p.TermId == "mistral" && bulk.Contains(p.ArticleId)));
    }

    [Fact]
    public async Task A_poll_message_for_an_unknown_feed_is_consumed_without_error()
    {
        await app.SendAsync(QueueNames.FeedPolls, "gone");
        var message = Assert.Single(await app.TakeAllAsync(QueueNames.FeedPolls));

        await app.Create<QueueFunctions>().PollFeed(message, CancellationToken.None);

        Assert.Empty(await app.BodiesAsync(QueueNames.Articles));
    }

    [Fact]
    public async Task Every_message_handled_twice_still_gives_one_match_per_article_and_term_and_one_email_per_digest()
    {
        var timers = app.Create<ScheduleFunctions>();
        var queues = app.Create<QueueFunctions>();
        await timers.SchedulePolls(new TimerInfo(), CancellationToken.None);

        foreach (var poll in await app.TakeAllAsync(QueueNames.FeedPolls))
        {
            await queues.PollFeed(poll, CancellationToken.None);
            await queues.PollFeed(poll, CancellationToken.None);
        }

        var articles = await app.TakeAllAsync(QueueNames.Articles);
        foreach (var article in articles)
        {
            await queues.MatchArticle(article, CancellationToken.None);
            await queues.MatchArticle(article, CancellationToken.None);
        }

        foreach (var alert in await app.TakeAllAsync(QueueNames.Alerts))
        {
            await queues.SendAlert(alert, CancellationToken.None);
            await queues.SendAlert(alert, CancellationToken.None);
        }

        await timers.SendDueDigests(new TimerInfo(), CancellationToken.None);
        await timers.SendDueDigests(new TimerInfo(), CancellationToken.None);

        var matchStore = app.Service<IMatchStore>();
        var matches = new List<TermMatchRecord>();
        var articleIds = articles.SelectMany(a => ArticleBatchMessage.Parse(a.Body.ToString()).Ids).ToList();
        foreach (var article in articleIds.Distinct())
        {
            matches.AddRange(await matchStore.ListMatchesForArticleAsync(article));
        }

        Assert.Equal(matches.Count, matches.DistinctBy(m => (m.ArticleId, m.TermId)).Count());
        Assert.Equal(articleIds.Count, articleIds.Distinct().Count());
        var emails = app.SendGrid.Accepted.ToList();
        Assert.Equal(["ana@example.org", "bob@example.org"], emails.Select(To).Order());
        var ana = Text(emails.Single(e => To(e) == "ana@example.org"));
        Assert.Contains("https://gazette.example.fr/2026/11/ia-act-adoption", ana);
        Assert.Contains("https://wire.example.com/2026/11/ai-act-timeline", ana);
        Assert.DoesNotContain("vent-rhone", ana);
        Assert.Contains("commission-mistral", Text(emails.Single(e => To(e) == "bob@example.org")));
    }

    [Fact]
    public async Task An_alert_that_SendGrid_refuses_fails_for_a_retry_and_is_sent_once_when_SendGrid_is_back()
    {
        await app.Service<IArticleStore>().TryAddArticleAsync(new Article { Id = "a1", FeedId = "fr", Url = "https://gazette.example.fr/a1", Title = "L’IA Act adopté", FetchedAt = FunctionsApp.Start });
        await app.Create<QueueFunctions>().MatchArticle(await OneMessageAsync(QueueNames.Articles, "a1"), CancellationToken.None);
        var alert = Assert.Single(await app.TakeAllAsync(QueueNames.Alerts));
        var queues = app.Create<QueueFunctions>();
        app.SendGrid.ThenServerError();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queues.SendAlert(alert, CancellationToken.None));
        Assert.Contains("HTTP 500", error.Message);
        Assert.Single(await app.Service<IMatchStore>().ListPendingAsync("ana"));

        app.Clock.Advance(SendDigestsHandler.ClaimLease + TimeSpan.FromMinutes(1));
        await queues.SendAlert(alert, CancellationToken.None);
        await queues.SendAlert(alert, CancellationToken.None);

        Assert.Single(app.SendGrid.Accepted);
        Assert.Empty(await app.Service<IMatchStore>().ListPendingAsync("ana"));
    }

    [Fact]
    public async Task An_article_whose_matching_keeps_failing_is_tried_five_times_then_kept_in_the_poison_queue_and_unmatched()
    {
        // A query stored behind the importer's back (it rejects invalid ones) makes every match of the article fail.
        await app.Service<ITermStore>().UpsertTermAsync(new WatchTerm { Id = "broken", Name = "Broken", Query = "\"unclosed" });
        await app.Service<IArticleStore>().TryAddArticleAsync(new Article { Id = "a1", FeedId = "fr", Url = "https://gazette.example.fr/a1", Title = "Mistral", FetchedAt = FunctionsApp.Start });
        await app.SendAsync(QueueNames.Articles, "a1");
        var queues = app.Create<QueueFunctions>();

        var calls = await app.DeliverAsync(QueueNames.Articles, m => queues.MatchArticle(m, CancellationToken.None));

        Assert.Equal(QueueProcessor.MaxDequeueCount, calls);
        Assert.Equal(["a1"], await app.BodiesAsync(QueueNames.Articles + "-poison"));
        Assert.Empty(await app.BodiesAsync(QueueNames.Articles));
        Assert.Contains("a1", await app.Service<IArticleStore>().ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public async Task Poll_now_queues_every_enabled_feed_or_the_one_named_and_404s_an_unknown_one()
    {
        var all = await app.Http.SendAsync(new ApiRequest("POST", "/api/feeds/poll"));
        var one = await app.Http.SendAsync(new ApiRequest("POST", "/api/feeds/fr/poll"));
        var unknown = await app.Http.SendAsync(new ApiRequest("POST", "/api/feeds/nope/poll"));

        Assert.Equal((202, """{"queued":2}"""), (all.Status, all.Body));
        Assert.Equal((202, """{"queued":1}"""), (one.Status, one.Body));
        Assert.Equal((404, "application/problem+json"), (unknown.Status, unknown.MediaType));
        Assert.Contains("nope", (string?)unknown.Json!["detail"]);
        Assert.Equal(["en", "fr", "fr"], (await app.BodiesAsync(QueueNames.FeedPolls)).Order());
    }

    [Fact]
    public async Task Send_now_sends_what_is_due_once_and_404s_an_unknown_subscriber()
    {
        await app.Service<IMatchStore>().AddPendingAsync("bob", "a1", "commission", FunctionsApp.Start);
        await app.Service<IArticleStore>().TryAddArticleAsync(new Article { Id = "a1", FeedId = "fr", Url = "https://gazette.example.fr/a1", Title = "La Commission européenne", FetchedAt = FunctionsApp.Start });

        var bob = await app.Http.SendAsync(new ApiRequest("POST", "/api/subscribers/bob/digest/send"));
        var again = await app.Http.SendAsync(new ApiRequest("POST", "/api/subscribers/bob/digest/send"));
        var due = await app.Http.SendAsync(new ApiRequest("POST", "/api/digests/send"));
        var unknown = await app.Http.SendAsync(new ApiRequest("POST", "/api/subscribers/nope/digest/send"));

        Assert.Equal((200, "sent", 1), (bob.Status, (string?)bob.Json!["status"], (int?)bob.Json["articles"]));
        Assert.Equal("nothingNew", (string?)again.Json!["status"]);
        Assert.Equal("sent 1 article", (string?)bob.Json["summary"]);
        Assert.Equal(["ana", "bob"], due.Json!.AsArray().Select(o => (string?)o!["subscriberId"]));
        Assert.Equal(404, unknown.Status);
        Assert.Single(app.SendGrid.Accepted);
    }

    [Fact]
    public async Task Health_counts_feeds_and_unhealthy_ones()
    {
        await app.Service<IFeedStore>().UpsertFeedAsync(new FeedSource { Id = "broken", Url = "https://broken.example/", Health = new FeedHealth { ConsecutiveFailures = 2, LastError = "HTTP 404" } });

        var health = await app.Http.SendAsync(new ApiRequest("GET", "/api/health"));

        Assert.Equal(200, health.Status);
        Assert.Equal("degraded", (string?)health.Json!["status"]);
        Assert.Equal((3, 1), ((int?)health.Json["feeds"]!["total"], (int?)health.Json["feeds"]!["unhealthy"]));
        Assert.Equal("HTTP 404", (string?)health.Json["unhealthyFeeds"]![0]!["lastError"]);
    }

    [Fact]
    public async Task A_digest_sent_by_the_app_links_to_the_app_s_public_address_and_its_stop_term_and_one_click_unsubscribe_links_work()
    {
        await app.Service<IMatchStore>().AddPendingAsync("bob", "a1", "commission", FunctionsApp.Start);
        await app.Service<IArticleStore>().TryAddArticleAsync(new Article { Id = "a1", FeedId = "fr", Url = "https://gazette.example.fr/a1", Title = "La Commission européenne", FetchedAt = FunctionsApp.Start });
        Assert.Equal(200, (await app.Http.SendAsync(new ApiRequest("POST", "/api/subscribers/bob/digest/send"))).Status);

        var mail = Assert.Single(app.SendGrid.Accepted);
        var headers = mail["personalizations"]![0]!["headers"]!;
        var header = (string)headers["List-Unsubscribe"]!;
        Assert.Equal("List-Unsubscribe=One-Click", (string?)headers["List-Unsubscribe-Post"]);
        var link = new Uri(header.Trim('<', '>'));
        Assert.StartsWith(FunctionsApp.PublicBaseUrl + "/api/unsubscribe?token=", link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains(link.AbsoluteUri, Text(mail));

        // The term's "stop alerts" link, under its heading, goes to the app's actions function: GET asks, POST stops it.
        var stop = new Uri(System.Text.RegularExpressions.Regex.Match(Text(mail), @"Ne plus recevoir d’alertes pour Commission: (\S+)").Groups[1].Value);
        Assert.StartsWith(FunctionsApp.PublicBaseUrl + "/api/actions?token=", stop.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(200, (await app.Http.SendAsync(new ApiRequest("GET", stop.PathAndQuery))).Status);
        Assert.Equal(["commission"], (await app.Service<ISubscriberStore>().GetSubscriberAsync("bob"))!.Terms);
        var stopped = await app.Http.SendAsync(new ApiRequest("POST", stop.PathAndQuery));
        Assert.Contains("ne suit plus aucun terme", stopped.Body);
        Assert.Equal([], (await app.Service<ISubscriberStore>().GetSubscriberAsync("bob"))!.Terms!);

        // What a mail provider does for one-click unsubscribe (RFC 8058): POST the link with this form body.
        var answer = await app.Http.SendAsync(new ApiRequest("POST", link.PathAndQuery, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded"));

        Assert.Equal((200, "text/html"), (answer.Status, answer.MediaType));
        Assert.Contains("ne recevra plus de résumés", answer.Body);
        Assert.Equal(SubscriberState.Unsubscribed, (await app.Service<ISubscriberStore>().GetSubscriberAsync("bob"))!.State);
    }

    private async Task<QueueMessage> OneMessageAsync(string queue, string body)
    {
        await app.SendAsync(queue, body);
        return Assert.Single(await app.TakeAllAsync(queue));
    }

    private static string? To(JsonObject mail) => (string?)mail["personalizations"]![0]!["to"]![0]!["email"];

    private static string Text(JsonObject mail) => (string)mail["content"]![0]!["value"]!;
}
