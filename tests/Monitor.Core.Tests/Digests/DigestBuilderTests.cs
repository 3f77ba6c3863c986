using NewsMonitor.Digests;
using NewsMonitor.Storage;
using static NewsMonitor.Tests.Digests.DigestTestHost;

namespace NewsMonitor.Tests.Digests;

public sealed class DigestBuilderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly WatchTerm AiAct = Terms[0];
    private static readonly WatchTerm Mistral = Terms[1];
    private static readonly WatchTerm Commission = Terms[2];
    private static readonly Subscriber Ana = new() { Id = "ana", Email = "ana@example.org", TimeZone = "Europe/Paris", Language = "en" };

    private static DigestItem Item(string id, int minutesAgo, params WatchTerm[] terms) =>
        Item(Article(id, $"Title {id}", Noon.AddMinutes(-minutesAgo)), terms);

    private static DigestItem Item(Article article, params WatchTerm[] terms) => new(article, terms, []);

    [Fact]
    public void Stories_are_grouped_under_their_first_term_in_watchlist_order_and_appear_once_with_every_label()
    {
        var digest = DigestBuilder.Build(Ana, [Item("m", 5, Mistral), Item("both", 10, Mistral, AiAct), Item("c", 1, Commission)], Terms);

        Assert.Equal(["AI Act", "Mistral", "Commission"], digest.Sections.Select(s => s.Term.Name));
        var both = Assert.Single(digest.Sections[0].Items);
        Assert.Equal(["AI Act", "Mistral"], both.Terms.Select(t => t.Name));
        Assert.Equal(["m"], digest.Sections[1].Items.Select(i => i.Article.Id));
        Assert.Equal(3, digest.TotalArticles);
    }

    [Fact]
    public void Newest_comes_first_within_a_section()
    {
        var digest = DigestBuilder.Build(Ana, [Item("old", 50, AiAct), Item("new", 1, AiAct), Item("mid", 20, AiAct)], Terms);

        Assert.Equal(["new", "mid", "old"], digest.Sections.Single().Items.Select(i => i.Article.Id));
    }

    [Fact]
    public void Articles_of_one_story_appear_once_led_by_the_first_report_with_the_others_as_also_reported_by()
    {
        var first = Article("lemonde", "Mistral lève 2 milliards", Noon.AddHours(-3), source: "Le Monde", storyKey: "s1");
        var second = Article("reuters", "Mistral raises $2bn", Noon.AddHours(-1), source: "Reuters", storyKey: "s1");
        var third = Article("ft", "Mistral's round", Noon.AddHours(-2), source: "FT", storyKey: "s1");
        var other = Article("x", "Unrelated AI Act news", Noon.AddMinutes(-90), storyKey: "s2");

        var digest = DigestBuilder.Build(Ana, [Item(second, Mistral), Item(first, Mistral), Item(third, AiAct), Item(other, AiAct)], Terms);

        var items = digest.Sections.SelectMany(s => s.Items).ToList();
        Assert.Equal(2, digest.TotalArticles);
        var story = Assert.Single(items, i => i.Article.StoryKey == "s1");
        Assert.Equal("lemonde", story.Article.Id);
        Assert.Equal(["ft", "reuters"], story.AlsoReportedBy.Select(a => a.Id));
        Assert.Equal(["AI Act", "Mistral"], story.Terms.Select(t => t.Name));
        Assert.Equal(["lemonde", "x"], items.Select(i => i.Article.Id)); // the story is as new as its latest report
    }

    [Fact]
    public void Articles_without_a_story_key_are_never_merged()
    {
        var digest = DigestBuilder.Build(Ana, [Item(Article("a", "Same title", Noon), AiAct), Item(Article("b", "Same title", Noon), AiAct)], Terms);

        Assert.Equal(2, digest.TotalArticles);
        Assert.All(digest.Sections.Single().Items, i => Assert.Empty(i.AlsoReportedBy));
    }

    [Fact]
    public void Beyond_the_cap_the_oldest_are_counted_not_shown()
    {
        var items = Enumerable.Range(0, 7).Select(i => Item($"a{i}", i, i % 2 == 0 ? AiAct : Mistral)).ToList();

        var digest = DigestBuilder.Build(Ana, items, Terms, maxArticles: 5);

        Assert.Equal((7, 2), (digest.TotalArticles, digest.Omitted));
        Assert.Equal(["a0", "a2", "a4", "a1", "a3"], digest.Sections.SelectMany(s => s.Items).Select(i => i.Article.Id));
        Assert.StartsWith("7 new:", digest.Subject);
    }

    [Fact]
    public void The_subject_counts_stories_per_term_most_first()
    {
        var digest = DigestBuilder.Build(Ana, [Item("a", 1, AiAct), Item("b", 2, AiAct), Item("c", 3, Mistral)], Terms);

        Assert.Equal("3 new: AI Act (2), Mistral (1)", digest.Subject);
    }

    [Fact]
    public void The_subject_counts_each_story_once_under_the_heading_it_is_shown_under()
    {
        // Five stories match Mistral and AI Act and sit under Mistral (first in this watchlist); one only AI Act.
        var items = Enumerable.Range(0, 5).Select(i => Item($"both{i}", i, Mistral, AiAct)).Append(Item("act", 9, AiAct)).ToList();

        var digest = DigestBuilder.Build(Ana, items, [Mistral, AiAct]);

        Assert.Equal("6 new: Mistral (5), AI Act (1)", digest.Subject);
        Assert.Equal([("Mistral", 5), ("AI Act", 1)], digest.Sections.Select(s => (s.Term.Name, s.Items.Count)));
    }

    [Fact]
    public void A_single_story_is_announced_by_its_headline()
    {
        var digest = DigestBuilder.Build(Ana, [Item(Article("a", "Mistral AI lève\r\n 600 millions", Noon), Mistral, AiAct)], Terms);

        Assert.Equal("Mistral AI lève 600 millions", digest.Subject);
    }

    [Fact]
    public void The_subject_names_a_few_terms_then_stops()
    {
        var many = Enumerable.Range(0, 6).Select(i => new WatchTerm { Id = $"t{i}", Name = $"T{i}", Query = "x" }).ToList();

        var digest = DigestBuilder.Build(Ana, many.Select((t, i) => Item($"a{i}", i, t)).ToList(), many);

        Assert.Equal("6 new: T0 (1), T1 (1), T2 (1), T3 (1), …", digest.Subject);
    }

    [Theory]
    [InlineData("AI\r\nBcc: eve@example.org", "2 new: AI Bcc: eve@example.org (2)")]
    [InlineData("AI\u0000Act\u0007", "2 new: AI Act (2)")]
    [InlineData("AI\u2028Act\u202E", "2 new: AI Act (2)")]
    [InlineData("  AI \t  Act  ", "2 new: AI Act (2)")]
    public void The_subject_never_has_a_line_break_or_control_character(string termName, string subject)
    {
        var term = new WatchTerm { Id = "t", Name = termName, Query = "x" };

        var digest = DigestBuilder.Build(Ana, [Item("a", 1, term), Item("b", 2, term)], [term]);

        Assert.Equal(subject, digest.Subject);
        Assert.DoesNotContain(digest.Subject, c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E');
    }
}
