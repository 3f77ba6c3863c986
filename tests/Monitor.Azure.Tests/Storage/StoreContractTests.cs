using System.Text.Json;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Storage;

public sealed record Stores(IFeedStore Feeds, IArticleStore Articles, ITermStore Terms, ISubscriberStore Subscribers, IMatchStore Matches, IDigestLog Digests, IFeedbackStore Feedback);

/// <summary>
/// What every store must do, whatever it runs on: the same suite runs against the embedded SQLite store and
/// the Azure Tables store (on Azurite), so the pipeline behaves the same on one machine and on Azure.
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private Stores? stores;

    protected Stores S => stores ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync() => stores = await CreateStoresAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<Stores> CreateStoresAsync();

    [Fact]
    public async Task A_feed_reads_back_with_its_polling_state_and_health()
    {
        var feed = Feed("f1", "https://a.example/feed") with
        {
            Title = "A",
            SiteUrl = "https://a.example/",
            Folder = @"News/AC\/DC",
            Interval = TimeSpan.FromMinutes(30),
            ETag = "\"abc\"",
            LastModified = "Mon, 23 Nov 2026 09:00:00 GMT",
            Health = new FeedHealth { LastAttemptAt = T0, LastSuccessAt = T0.AddHours(-1), LastError = "HTTP 404", ConsecutiveFailures = 2, NextCheckAt = T0.AddMinutes(20) },
        };
        await S.Feeds.UpsertFeedAsync(feed);

        AssertSame(feed, await S.Feeds.GetFeedAsync("f1"));
        Assert.Null(await S.Feeds.GetFeedAsync("unknown"));
    }

    [Fact]
    public async Task A_site_feed_discovered_at_a_poll_keeps_its_id_under_its_new_url_with_its_note()
    {
        var site = Feed("site", "https://c.example/") with { Title = "C", Folder = "News" };
        await S.Feeds.UpsertFeedAsync(site);
        var discovered = site with
        {
            Url = "https://c.example/feed/",
            Health = new FeedHealth { LastAttemptAt = T0, LastSuccessAt = T0, Note = "site URL https://c.example/ → feed https://c.example/feed/ found by discovery on 2026-11-23" },
        };

        await S.Feeds.UpsertFeedAsync(discovered);

        AssertSame(discovered, Assert.Single(await S.Feeds.ListFeedsAsync()));
    }

    [Fact]
    public async Task Feeds_are_listed_by_url_and_an_upsert_replaces()
    {
        await S.Feeds.UpsertFeedAsync(Feed("f2", "https://b.example/feed"));
        await S.Feeds.UpsertFeedAsync(Feed("f1", "https://a.example/feed"));
        await S.Feeds.UpsertFeedAsync(Feed("f1", "https://a.example/feed") with { Folder = "Tech" });
        await S.Feeds.UpsertFeedAsync(Feed("f2", "https://b.example/feed") with { Title = "B renamed", Folder = "EU policy" });
        await S.Feeds.UpsertFeedAsync(Feed("f1", "https://a.example/feed"));

        var all = await S.Feeds.ListFeedsAsync();

        Assert.Equal(["f1", "f2"], all.Select(f => f.Id));
        Assert.Equal(("B renamed", "EU policy"), (all[1].Title, all[1].Folder));
        Assert.Null(all[0].Folder);
    }

    [Fact]
    public async Task Feeds_upserted_together_are_all_stored_and_a_feed_given_twice_keeps_its_last_version()
    {
        // More than one table transaction's worth, and f7 twice in one call.
        var feeds = Enumerable.Range(0, 250).Select(i => Feed($"f{i}", $"https://{i:000}.example/feed")).ToList();
        feeds.Add(feeds[7] with { Title = "Seven, renamed", Health = new FeedHealth { NextCheckAt = T0.AddHours(1) } });

        await S.Feeds.UpsertFeedsAsync(feeds);
        await S.Feeds.UpsertFeedsAsync([feeds[3] with { Folder = "Later" }]);

        var all = await S.Feeds.ListFeedsAsync();
        Assert.Equal(250, all.Count);
        Assert.Equal("Seven, renamed", all.Single(f => f.Id == "f7").Title);
        Assert.Equal("Later", all.Single(f => f.Id == "f3").Folder);
        Assert.DoesNotContain("f7", (await S.Feeds.ListDueFeedsAsync(T0)).Select(f => f.Id));
        Assert.Equal(249, (await S.Feeds.ListDueFeedsAsync(T0)).Count);
    }

    [Fact]
    public async Task Due_feeds_are_the_enabled_ones_never_checked_or_whose_check_time_has_come()
    {
        await S.Feeds.UpsertFeedAsync(Feed("never", "https://1.example/"));
        await S.Feeds.UpsertFeedAsync(Feed("due", "https://2.example/") with { Health = new FeedHealth { NextCheckAt = T0.AddMinutes(-1) } });
        await S.Feeds.UpsertFeedAsync(Feed("exactly", "https://3.example/") with { Health = new FeedHealth { NextCheckAt = T0 } });
        await S.Feeds.UpsertFeedAsync(Feed("later", "https://4.example/") with { Health = new FeedHealth { NextCheckAt = T0.AddMinutes(1) } });
        await S.Feeds.UpsertFeedAsync(Feed("disabled", "https://5.example/") with { Enabled = false });

        var due = await S.Feeds.ListDueFeedsAsync(T0);

        Assert.Equal(["never", "due", "exactly"], due.Select(f => f.Id));
    }

    [Fact]
    public async Task Deleting_a_feed_says_whether_there_was_one()
    {
        await S.Feeds.UpsertFeedAsync(Feed("f1", "https://a.example/"));

        Assert.True(await S.Feeds.DeleteFeedAsync("f1"));
        Assert.False(await S.Feeds.DeleteFeedAsync("f1"));
        Assert.Empty(await S.Feeds.ListFeedsAsync());
    }

    [Fact]
    public async Task An_article_is_stored_once_however_often_it_is_added()
    {
        var article = Article("a1", T0) with { Guid = "g-1", Author = "Ana", Published = T0.AddHours(-2), StoryKey = "story", Source = "Gazette", Summary = "Résumé", Content = "Contenu « français »" };

        Assert.True(await S.Articles.TryAddArticleAsync(article));
        Assert.False(await S.Articles.TryAddArticleAsync(article with { Title = "changed" }));

        AssertSame(article, await S.Articles.GetArticleAsync("a1"));
        Assert.Null(await S.Articles.GetArticleAsync("unknown"));
    }

    [Fact]
    public async Task A_long_article_reads_back_whole()
    {
        var content = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"mot{i} é "));
        var article = Article("long", T0) with { Content = content };

        await S.Articles.TryAddArticleAsync(article);

        Assert.Equal(content, (await S.Articles.GetArticleAsync("long"))!.Content);
    }

    [Fact]
    public async Task Unmatched_articles_are_listed_oldest_first_until_marked_matched()
    {
        await S.Articles.TryAddArticleAsync(Article("b", T0.AddMinutes(2)));
        await S.Articles.TryAddArticleAsync(Article("a", T0.AddMinutes(1)));
        await S.Articles.TryAddArticleAsync(Article("c", T0.AddMinutes(3)));

        Assert.Equal(["a", "b", "c"], await S.Articles.ListUnmatchedArticleIdsAsync(10));
        Assert.Equal(["a", "b"], await S.Articles.ListUnmatchedArticleIdsAsync(2));

        await S.Articles.MarkArticleMatchedAsync("b", T0.AddMinutes(5));
        await S.Articles.TryAddArticleAsync(Article("b", T0.AddMinutes(9)));

        Assert.Equal(["a", "c"], await S.Articles.ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public async Task Recent_articles_come_newest_first()
    {
        await S.Articles.TryAddArticleAsync(Article("old", T0));
        await S.Articles.TryAddArticleAsync(Article("new", T0.AddMinutes(10)));
        await S.Articles.TryAddArticleAsync(Article("mid-late", T0.AddMinutes(5)) with { Published = T0.AddMinutes(4) });
        await S.Articles.TryAddArticleAsync(Article("mid-early", T0.AddMinutes(5)) with { Published = T0.AddMinutes(1) });

        Assert.Equal(["new", "mid-late", "mid-early", "old"], (await S.Articles.ListRecentArticlesAsync(10)).Select(a => a.Id));
        Assert.Equal(["new", "mid-late"], (await S.Articles.ListRecentArticlesAsync(2)).Select(a => a.Id));
    }

    [Fact]
    public async Task Terms_keep_the_order_they_were_added_in_even_when_updated()
    {
        await S.Terms.UpsertTermAsync(Term("mistral", "Mistral"));
        await S.Terms.UpsertTermAsync(Term("aiact", "AI Act"));
        await S.Terms.UpsertTermAsync(Term("commission", "Commission"));
        await S.Terms.UpsertTermAsync(Term("mistral", "Mistral AI") with { MatchCase = true, Enabled = false });

        var terms = await S.Terms.ListTermsAsync();

        Assert.Equal(["mistral", "aiact", "commission"], terms.Select(t => t.Id));
        AssertSame(Term("mistral", "Mistral AI") with { MatchCase = true, Enabled = false }, await S.Terms.GetTermAsync("mistral"));
        Assert.True(await S.Terms.DeleteTermAsync("aiact"));
        Assert.False(await S.Terms.DeleteTermAsync("aiact"));
        Assert.Null(await S.Terms.GetTermAsync("aiact"));
    }

    [Fact]
    public async Task Subscribers_read_back_whole_and_are_listed_by_id_whatever_characters_their_ids_hold()
    {
        var ana = new Subscriber { Id = "ana/b#c?d%~", Email = "ana@example.org", Name = "Ana", Terms = ["aiact"], Cadence = Cadence.Weekly, At = new TimeOnly(7, 30), Day = DayOfWeek.Friday, TimeZone = "Europe/Paris" };
        var bob = new Subscriber { Id = "bob", Email = "bob@example.org", State = SubscriberState.Paused };
        await S.Subscribers.UpsertSubscriberAsync(bob);
        await S.Subscribers.UpsertSubscriberAsync(ana);

        AssertSame(ana, await S.Subscribers.GetSubscriberAsync(ana.Id));
        Assert.Equal([ana.Id, "bob"], (await S.Subscribers.ListSubscribersAsync()).Select(s => s.Id));
        Assert.True(await S.Subscribers.DeleteSubscriberAsync("bob"));
        Assert.False(await S.Subscribers.DeleteSubscriberAsync("bob"));
        Assert.Null(await S.Subscribers.GetSubscriberAsync("bob"));
    }

    [Fact]
    public async Task Of_many_clients_adding_one_term_at_once_exactly_one_adds_it_and_the_others_change_nothing()
    {
        await S.Terms.UpsertTermAsync(Term("first", "First"));

        var added = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => S.Terms.TryAddTermAsync(Term("mistral", $"Mistral {i}"))));

        Assert.Equal(1, added.Count(a => a));
        Assert.Equal($"Mistral {Array.IndexOf(added, true)}", (await S.Terms.GetTermAsync("mistral"))!.Name);
        Assert.Equal(["first", "mistral"], (await S.Terms.ListTermsAsync()).Select(t => t.Id));
        Assert.False(await S.Terms.TryAddTermAsync(Term("first", "Changed")));
        Assert.Equal("First", (await S.Terms.GetTermAsync("first"))!.Name);
    }

    [Fact]
    public async Task Of_many_clients_adding_one_subscriber_at_once_exactly_one_adds_it()
    {
        var added = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            S.Subscribers.TryAddSubscriberAsync(new Subscriber { Id = "ana", Email = $"ana{i}@example.org" })));

        Assert.Equal(1, added.Count(a => a));
        Assert.Equal($"ana{Array.IndexOf(added, true)}@example.org", (await S.Subscribers.GetSubscriberAsync("ana"))!.Email);
    }

    [Fact]
    public async Task Of_many_clients_adding_one_feed_at_once_exactly_one_adds_it()
    {
        var added = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => S.Feeds.TryAddFeedAsync(Feed("f1", "https://a.example/feed") with { Title = $"A {i}" })));

        Assert.Equal(1, added.Count(a => a));
        Assert.Equal($"A {Array.IndexOf(added, true)}", (await S.Feeds.GetFeedAsync("f1"))!.Title);
    }

    [Fact]
    public async Task Saving_terms_updates_known_ones_in_place_adds_new_ones_after_them_and_deletes_the_ones_named()
    {
        await S.Terms.UpsertTermAsync(Term("mistral", "Mistral"));
        await S.Terms.UpsertTermAsync(Term("gone", "Gone"));
        await S.Terms.UpsertTermAsync(Term("aiact", "AI Act"));
        var many = Enumerable.Range(0, 230).Select(i => Term($"t{i:000}", $"T{i}")).ToList();

        await S.Terms.SaveTermsAsync([Term("aiact", "AI Act, renamed"), .. many, Term("mistral", "Mistral AI")], ["gone", "never-there"]);

        var terms = await S.Terms.ListTermsAsync();
        Assert.Equal(["mistral", "aiact", .. many.Select(t => t.Id)], terms.Select(t => t.Id));
        Assert.Equal(("Mistral AI", "AI Act, renamed"), (terms[0].Name, terms[1].Name));
    }

    [Fact]
    public async Task Saving_feeds_writes_them_all_and_deletes_the_ones_named()
    {
        await S.Feeds.UpsertFeedAsync(Feed("old", "https://old.example/feed"));
        var feeds = Enumerable.Range(0, 150).Select(i => Feed($"f{i}", $"https://{i:000}.example/feed")).ToList();

        await S.Feeds.SaveFeedsAsync(feeds, ["old", "never-there"]);

        Assert.Equal(feeds.Select(f => f.Id).Order(StringComparer.Ordinal), (await S.Feeds.ListFeedsAsync()).Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Saving_subscribers_writes_them_all()
    {
        var subscribers = Enumerable.Range(0, 120).Select(i => new Subscriber { Id = $"s{i:000}", Email = $"s{i}@example.org" }).ToList();

        await S.Subscribers.SaveSubscribersAsync(subscribers);

        Assert.Equal(subscribers.Select(s => s.Id), (await S.Subscribers.ListSubscribersAsync()).Select(s => s.Id));
    }

    [Fact]
    public async Task A_match_is_kept_once_per_article_and_term()
    {
        var first = new TermMatchRecord { ArticleId = "a1", TermId = "mistral", MatchedAt = T0, Highlights = [new HighlightSpan(ArticleField.Title, 0, 7)] };
        await S.Matches.AddMatchAsync(first);
        await S.Matches.AddMatchAsync(first with { MatchedAt = T0.AddMinutes(1), Highlights = [] });
        await S.Matches.AddMatchAsync(new TermMatchRecord { ArticleId = "a1", TermId = "aiact", MatchedAt = T0 });
        await S.Matches.AddMatchAsync(new TermMatchRecord { ArticleId = "a2", TermId = "aiact", MatchedAt = T0 });

        var matches = await S.Matches.ListMatchesForArticleAsync("a1");

        Assert.Equal(["aiact", "mistral"], matches.Select(m => m.TermId));
        AssertSame(first, matches[1]);
    }

    [Fact]
    public async Task The_matches_of_many_articles_are_read_at_once_by_article_then_term_and_unknown_ids_have_none()
    {
        // 620 articles: more than one chunk of ids on SQLite.
        var ids = Enumerable.Range(0, 620).Select(i => $"a/{i:D3}").ToList();
        await S.Matches.RecordMatchesAsync(
            ids.Select(id => new ArticleMatches(
                id,
                [new TermMatchRecord { ArticleId = id, TermId = "mistral", MatchedAt = T0, Highlights = [new HighlightSpan(ArticleField.Title, 0, 7)] }, new TermMatchRecord { ArticleId = id, TermId = "aiact", MatchedAt = T0 }],
                [])).ToList(),
            T0);
        await S.Matches.AddMatchAsync(new TermMatchRecord { ArticleId = "other", TermId = "aiact", MatchedAt = T0 });

        var read = await S.Matches.ListMatchesForArticlesAsync([ids[619], "gone", ids[0], ids[619], ids[300]]);

        Assert.Equal(
            [$"{ids[0]}/aiact", $"{ids[0]}/mistral", $"{ids[300]}/aiact", $"{ids[300]}/mistral", $"{ids[619]}/aiact", $"{ids[619]}/mistral"],
            read.Select(m => $"{m.ArticleId}/{m.TermId}"));
        Assert.Equal([new HighlightSpan(ArticleField.Title, 0, 7)], read[1].Highlights);
        Assert.Equal(620 * 2, (await S.Matches.ListMatchesForArticlesAsync(ids)).Count);
        Assert.Empty(await S.Matches.ListMatchesForArticlesAsync([]));
    }

    [Fact]
    public async Task The_inbox_holds_each_item_once_until_delivered_and_a_delivered_item_never_comes_back()
    {
        await S.Matches.AddPendingAsync("ana", "a2", "mistral", T0.AddMinutes(1));
        await S.Matches.AddPendingAsync("ana", "a1", "aiact", T0);
        await S.Matches.AddPendingAsync("ana", "a1", "aiact", T0.AddMinutes(5));
        await S.Matches.AddPendingAsync("bob", "a1", "aiact", T0);

        var pending = await S.Matches.ListPendingAsync("ana");
        Assert.Equal([new PendingItem("ana", "a1", "aiact", T0), new PendingItem("ana", "a2", "mistral", T0.AddMinutes(1))], pending);

        await S.Matches.MarkDeliveredAsync("ana", [pending[0]], "ana/2026-11-23");
        await S.Matches.AddPendingAsync("ana", "a1", "aiact", T0.AddMinutes(9));

        Assert.Equal(["a2"], (await S.Matches.ListPendingAsync("ana")).Select(p => p.ArticleId));
        Assert.Single(await S.Matches.ListPendingAsync("bob"));
    }

    [Fact]
    public async Task A_batch_of_matches_is_stored_with_its_inbox_rows_and_marks_and_written_again_adds_nothing()
    {
        // 130 articles: more than one transaction's 100 entities in the inbox partition of "ana".
        var ids = Enumerable.Range(0, 130).Select(i => $"a{i:D3}").ToList();
        foreach (var id in ids)
        {
            await S.Articles.TryAddArticleAsync(Article(id, T0));
        }

        var batch = ids.Select(id => new ArticleMatches(
            id,
            [new TermMatchRecord { ArticleId = id, TermId = "aiact", MatchedAt = T0, Highlights = [new HighlightSpan(ArticleField.Title, 0, 2)] }, new TermMatchRecord { ArticleId = id, TermId = "mistral", MatchedAt = T0 }],
            [new InboxEntry("ana", "aiact"), new InboxEntry("ana", "mistral"), new InboxEntry("bob", "mistral")])).ToList();

        await S.Matches.RecordMatchesAsync(batch, T0);
        await S.Matches.RecordMatchesAsync(batch, T0.AddMinutes(5));

        Assert.Equal(["aiact", "mistral"], (await S.Matches.ListMatchesForArticleAsync("a129")).Select(m => m.TermId));
        Assert.Equal(260, (await S.Matches.ListPendingAsync("ana")).Count);
        Assert.All(await S.Matches.ListPendingAsync("bob"), p => Assert.Equal(T0, p.AddedAt));
        Assert.Equal(130, (await S.Matches.ListPendingAsync("bob")).Count);
        Assert.Empty(await S.Articles.ListUnmatchedArticleIdsAsync(1000));
        Assert.All(await S.Articles.GetArticlesAsync(ids), a => Assert.True(a.Matched));
    }

    [Fact]
    public async Task A_batch_retried_after_a_write_that_stopped_part_way_completes_it_without_doubles_or_losses()
    {
        await S.Articles.TryAddArticleAsync(Article("a1", T0));
        await S.Articles.TryAddArticleAsync(Article("a2", T0));
        // What a first try left behind before it failed: some match and inbox rows, and no marks.
        await S.Matches.AddMatchAsync(new TermMatchRecord { ArticleId = "a1", TermId = "aiact", MatchedAt = T0 });
        await S.Matches.AddPendingAsync("ana", "a1", "aiact", T0);
        var batch = new List<ArticleMatches>
        {
            new("a1", [new TermMatchRecord { ArticleId = "a1", TermId = "aiact", MatchedAt = T0 }, new TermMatchRecord { ArticleId = "a1", TermId = "mistral", MatchedAt = T0 }], [new InboxEntry("ana", "aiact"), new InboxEntry("ana", "mistral")]),
            new("a2", [new TermMatchRecord { ArticleId = "a2", TermId = "aiact", MatchedAt = T0 }], [new InboxEntry("ana", "aiact")]),
        };

        await S.Matches.RecordMatchesAsync(batch, T0);

        Assert.Equal(["aiact", "mistral"], (await S.Matches.ListMatchesForArticleAsync("a1")).Select(m => m.TermId));
        Assert.Equal(["a1/aiact", "a1/mistral", "a2/aiact"], (await S.Matches.ListPendingAsync("ana")).Select(p => $"{p.ArticleId}/{p.TermId}"));
        Assert.Empty(await S.Articles.ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public async Task New_articles_stored_with_their_matches_are_matched_at_once_and_one_stored_before_gets_none_of_its_rows()
    {
        await S.Articles.TryAddArticleAsync(Article("old", T0));
        var batch = new List<MatchedArticle>
        {
            Matched("a1", ("aiact", ["ana", "bob"]), ("mistral", ["ana"])),
            Matched("a2"),
            Matched("old", ("aiact", ["ana"])),
        };

        var added = await S.Articles.TryAddMatchedArticlesAsync(batch, T0);

        Assert.Equal(["a1", "a2"], added.Order(StringComparer.Ordinal));
        Assert.Equal(["aiact", "mistral"], (await S.Matches.ListMatchesForArticleAsync("a1")).Select(m => m.TermId));
        Assert.Empty(await S.Matches.ListMatchesForArticleAsync("old"));
        Assert.Equal(["a1/aiact", "a1/mistral"], (await S.Matches.ListPendingAsync("ana")).Select(p => $"{p.ArticleId}/{p.TermId}"));
        Assert.Equal(["a1/aiact"], (await S.Matches.ListPendingAsync("bob")).Select(p => $"{p.ArticleId}/{p.TermId}"));
        Assert.Equal(["old"], await S.Articles.ListUnmatchedArticleIdsAsync(10));
        Assert.Equal([("a1", true), ("a2", true), ("old", false)], (await S.Articles.GetArticlesAsync(["a1", "a2", "old"])).Select(a => (a.Article.Id, a.Matched)));
    }

    [Fact]
    public async Task Articles_stored_again_with_their_matches_add_nothing_twice()
    {
        var batch = new List<MatchedArticle> { Matched("a1", ("aiact", ["ana"])), Matched("a2", ("mistral", ["ana"])) };
        await S.Articles.TryAddMatchedArticlesAsync(batch, T0);

        var again = await S.Articles.TryAddMatchedArticlesAsync(batch, T0.AddMinutes(5));
        await S.Matches.RecordMatchesAsync(batch.Select(a => a.Found).ToList(), T0.AddMinutes(6));

        Assert.Empty(again);
        Assert.Equal(["a1/aiact", "a2/mistral"], (await S.Matches.ListPendingAsync("ana")).Select(p => $"{p.ArticleId}/{p.TermId}"));
        Assert.All(await S.Matches.ListPendingAsync("ana"), p => Assert.Equal(T0, p.AddedAt));
        Assert.Single(await S.Matches.ListMatchesForArticleAsync("a2"));
        Assert.Empty(await S.Articles.ListUnmatchedArticleIdsAsync(10));
    }

    [Fact]
    public void An_article_given_with_the_matches_of_another_is_refused_with_both_ids_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new MatchedArticle(Article("a1", T0), new ArticleMatches("a2", [], [])));

        Assert.Contains("'a2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Articles_are_read_as_a_batch_with_whether_each_is_matched_and_unknown_ids_left_out()
    {
        await S.Articles.TryAddArticleAsync(Article("a1", T0) with { Title = "Un" });
        await S.Articles.TryAddArticleAsync(Article("a/2", T0));
        await S.Articles.MarkArticleMatchedAsync("a/2", T0);

        var read = await S.Articles.GetArticlesAsync(["a1", "gone", "a/2", "a1"]);

        Assert.Equal([("a1", "Un", false), ("a/2", "Title a/2", true)], read.Select(r => (r.Article.Id, r.Article.Title, r.Matched)));
    }

    [Fact]
    public async Task Marking_many_items_delivered_empties_the_inbox()
    {
        for (var i = 0; i < 130; i++)
        {
            await S.Matches.AddPendingAsync("ana", $"a{i:D3}", "aiact", T0.AddSeconds(i));
        }

        await S.Matches.MarkDeliveredAsync("ana", await S.Matches.ListPendingAsync("ana"), "ana/2026-11-23");

        Assert.Empty(await S.Matches.ListPendingAsync("ana"));
    }

    [Fact]
    public async Task A_not_relevant_report_is_kept_once_per_term_article_and_subscriber_and_listed_by_term()
    {
        var report = new ArticleFeedback("ana/1", "ai-act", "a1", "https://a.example/1", "Le règlement #IA?", T0);

        Assert.True(await S.Feedback.TryAddFeedbackAsync(report));
        Assert.False(await S.Feedback.TryAddFeedbackAsync(report with { At = T0.AddMinutes(5), Title = "changed" }));
        Assert.True(await S.Feedback.TryAddFeedbackAsync(report with { SubscriberId = "bob", At = T0.AddMinutes(1) }));
        Assert.True(await S.Feedback.TryAddFeedbackAsync(report with { ArticleId = "a2", At = T0.AddMinutes(2) }));
        Assert.True(await S.Feedback.TryAddFeedbackAsync(report with { TermId = "mistral" }));

        var listed = await S.Feedback.ListFeedbackForTermAsync("ai-act");

        Assert.Equal([report, report with { SubscriberId = "bob", At = T0.AddMinutes(1) }, report with { ArticleId = "a2", At = T0.AddMinutes(2) }], listed);
        Assert.Single(await S.Feedback.ListFeedbackForTermAsync("mistral"));
        Assert.Empty(await S.Feedback.ListFeedbackForTermAsync("nope"));
    }

    [Fact]
    public async Task A_digest_is_claimed_once()
    {
        var claim = Digest("ana", "2026-11-23", DigestStatus.Sending, T0);

        Assert.True(await S.Digests.TryBeginAsync(claim, T0.AddMinutes(-10)));
        Assert.False(await S.Digests.TryBeginAsync(claim with { UpdatedAt = T0.AddMinutes(1) }, T0.AddMinutes(-9)));
        Assert.Equal(DigestStatus.Sending, (await S.Digests.GetDigestAsync("ana", "2026-11-23"))!.Status);
    }

    [Fact]
    public async Task A_claim_keeps_its_items_through_a_takeover_and_a_second_claim_of_the_key_fails()
    {
        // As many rows as a digest takes, with the longest term ids: the Tables store cuts them into several properties.
        var items = Enumerable.Range(0, NewsMonitor.Digests.DigestInbox.MaxRowsPerDigest)
            .Select(i => new PendingItem("ana", $"article-{i:D6}", new string('t', 63) + (i % 10), T0.AddSeconds(i)))
            .ToList();
        var claim = Digest("ana", "p1", DigestStatus.Sending, T0) with { ItemCount = items.Count, MessageId = "m-1", ClaimedAt = T0 };

        Assert.True(await S.Digests.TryClaimAsync(claim, items));
        Assert.False(await S.Digests.TryClaimAsync(claim with { UpdatedAt = T0.AddHours(1) }, items.Take(1).ToList()));
        Assert.True(await S.Digests.TryBeginAsync(claim with { UpdatedAt = T0.AddMinutes(20) }, T0.AddMinutes(10)));

        Assert.Equal(items, await S.Digests.GetClaimedItemsAsync("ana", "p1"));
        var unconfirmed = Assert.Single(await S.Digests.ListUnconfirmedAsync("ana"));
        Assert.Equal((T0.AddMinutes(20), T0, "m-1"), (unconfirmed.UpdatedAt, unconfirmed.ClaimedAt, unconfirmed.MessageId));
        Assert.Empty(await S.Digests.GetClaimedItemsAsync("ana", "p2"));

        await S.Digests.SaveDigestAsync(unconfirmed with { Status = DigestStatus.Sent });
        Assert.Empty(await S.Digests.ListUnconfirmedAsync("ana"));
    }

    [Fact]
    public async Task A_failed_send_is_noted_on_its_claim_which_keeps_its_items_and_time_and_a_sent_digest_is_left_alone()
    {
        var items = new List<PendingItem> { new("ana", "a1", "mistral", T0) };
        var claim = Digest("ana", "p1", DigestStatus.Sending, T0) with { ItemCount = 1, MessageId = "m-1", ClaimedAt = T0 };
        await S.Digests.TryClaimAsync(claim, items);
        await S.Digests.SaveDigestAsync(Digest("ana", "p2", DigestStatus.Sent, T0));

        await S.Digests.RecordFailureAsync("ana", "p1", "the server answered 554");
        await S.Digests.RecordFailureAsync("ana", "p2", "too late");
        await S.Digests.RecordFailureAsync("ana", "nope", "no such claim");

        var failed = Assert.Single(await S.Digests.ListUnconfirmedAsync("ana"));
        Assert.Equal(("the server answered 554", T0, "m-1"), (failed.LastError, failed.UpdatedAt, failed.MessageId));
        Assert.Equal(items, await S.Digests.GetClaimedItemsAsync("ana", "p1"));
        Assert.Null((await S.Digests.GetDigestAsync("ana", "p2"))!.LastError);
        Assert.Null(await S.Digests.GetDigestAsync("ana", "nope"));
    }

    [Fact]
    public async Task A_stale_claim_is_taken_over_but_a_sent_digest_never_is()
    {
        await S.Digests.TryBeginAsync(Digest("ana", "p1", DigestStatus.Sending, T0), T0);
        await S.Digests.SaveDigestAsync(Digest("ana", "p2", DigestStatus.Sent, T0) with { ItemCount = 3, MessageId = "m-1" });

        Assert.True(await S.Digests.TryBeginAsync(Digest("ana", "p1", DigestStatus.Sending, T0.AddMinutes(20)), T0.AddMinutes(10)));
        Assert.False(await S.Digests.TryBeginAsync(Digest("ana", "p2", DigestStatus.Sending, T0.AddMinutes(20)), T0.AddMinutes(10)));
        Assert.Equal(T0.AddMinutes(20), (await S.Digests.GetDigestAsync("ana", "p1"))!.UpdatedAt);
        AssertSame(Digest("ana", "p2", DigestStatus.Sent, T0) with { ItemCount = 3, MessageId = "m-1" }, await S.Digests.GetDigestAsync("ana", "p2"));
    }

    [Fact]
    public async Task Of_many_senders_claiming_the_same_digest_at_once_exactly_one_wins()
    {
        await S.Digests.TryBeginAsync(Digest("ana", "p", DigestStatus.Sending, T0), T0);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            S.Digests.TryBeginAsync(Digest("ana", "p", DigestStatus.Sending, T0.AddMinutes(30).AddSeconds(i)), T0.AddMinutes(10))));

        Assert.Equal(1, results.Count(won => won));
    }

    [Fact]
    public async Task A_subscriber_has_been_sent_a_digest_only_once_one_is_recorded_sent()
    {
        await S.Digests.SaveDigestAsync(Digest("ana", "2026-11-23", DigestStatus.Empty, T0));
        await S.Digests.SaveDigestAsync(Digest("ana", "2026-11-24", DigestStatus.Sending, T0));
        Assert.False(await S.Digests.HasSentAsync("ana"));

        await S.Digests.SaveDigestAsync(Digest("ana", "2026-11-22", DigestStatus.Sent, T0.AddDays(-1)));
        Assert.True(await S.Digests.HasSentAsync("ana"));
        Assert.False(await S.Digests.HasSentAsync("bob"));
    }

    [Fact]
    public async Task The_last_digest_is_the_most_recently_updated()
    {
        await S.Digests.SaveDigestAsync(Digest("ana", "2026-11-22", DigestStatus.Sent, T0.AddDays(-1)));
        await S.Digests.SaveDigestAsync(Digest("ana", "2026-11-23", DigestStatus.Empty, T0));
        await S.Digests.SaveDigestAsync(Digest("ana", "2026-11-21", DigestStatus.Sent, T0.AddDays(-2)));
        await S.Digests.SaveDigestAsync(Digest("bob", "2026-11-24", DigestStatus.Sent, T0.AddDays(1)));

        Assert.Equal("2026-11-23", (await S.Digests.GetLastDigestAsync("ana"))!.Period);
        Assert.Null(await S.Digests.GetLastDigestAsync("carol"));
        Assert.Null(await S.Digests.GetDigestAsync("ana", "2026-11-20"));
    }

    [Fact]
    public async Task Many_records_of_a_subscriber_are_saved_and_read_at_once_and_saving_again_replaces_them()
    {
        // 620 records: more than one transaction on Tables and one chunk of ids on SQLite; periods with a slash and a space.
        var periods = Enumerable.Range(0, 620).Select(i => $"story-a/{i:D3} x").ToList();
        await S.Digests.SaveDigestsAsync("ana", periods.Select(p => Digest("ana", p, DigestStatus.Sent, T0)).ToList());
        await S.Digests.SaveDigestsAsync("ana", [Digest("ana", periods[7], DigestStatus.Empty, T0.AddMinutes(1))]);
        await S.Digests.SaveDigestAsync(Digest("bob", periods[0], DigestStatus.Sent, T0));
        await S.Digests.SaveDigestsAsync("ana", []);

        var read = await S.Digests.GetDigestsAsync("ana", [periods[619], "story-gone", periods[7], periods[0], periods[619]]);

        Assert.Equal(
            [(periods[0], DigestStatus.Sent, T0), (periods[7], DigestStatus.Empty, T0.AddMinutes(1)), (periods[619], DigestStatus.Sent, T0)],
            read.Select(d => (d.Period, d.Status, d.UpdatedAt)).OrderBy(d => d.Period, StringComparer.Ordinal));
        Assert.Equal(620, (await S.Digests.GetDigestsAsync("ana", periods)).Count);
        Assert.Single(await S.Digests.GetDigestsAsync("bob", periods));
        Assert.Empty(await S.Digests.GetDigestsAsync("carol", periods));
        await Assert.ThrowsAsync<ArgumentException>(() => S.Digests.SaveDigestsAsync("ana", [Digest("bob", "x", DigestStatus.Sent, T0)]));
    }

    protected static FeedSource Feed(string id, string url) => new() { Id = id, Url = url };

    /// <summary>A new article with a match row per term and an inbox row per (subscriber, term) given.</summary>
    private static MatchedArticle Matched(string id, params (string Term, string[] Subscribers)[] terms) => new(
        Article(id, T0),
        new ArticleMatches(
            id,
            terms.Select(t => new TermMatchRecord { ArticleId = id, TermId = t.Term, MatchedAt = T0, Highlights = [new HighlightSpan(ArticleField.Title, 0, 2)] }).ToList(),
            terms.SelectMany(t => t.Subscribers.Select(s => new InboxEntry(s, t.Term))).ToList()));

    protected static Article Article(string id, DateTimeOffset fetchedAt) =>
        new() { Id = id, FeedId = "f1", Url = $"https://a.example/{id}", Title = $"Title {id}", FetchedAt = fetchedAt };

    protected static WatchTerm Term(string id, string name) => new() { Id = id, Name = name, Query = name };

    protected static DigestRecord Digest(string subscriber, string period, DigestStatus status, DateTimeOffset at) =>
        new() { SubscriberId = subscriber, Period = period, Status = status, UpdatedAt = at };

    /// <summary>Records holding lists compare by reference; their JSON documents compare by value.</summary>
    protected static void AssertSame<T>(T expected, T? actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, StorageJson.Options), JsonSerializer.Serialize(actual, StorageJson.Options));
}
