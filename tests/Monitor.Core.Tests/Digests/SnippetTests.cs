using NewsMonitor.Digests;
using NewsMonitor.Storage;
using static NewsMonitor.Tests.Digests.DigestTestHost;

namespace NewsMonitor.Tests.Digests;

public sealed class SnippetTests
{
    private static HighlightSpan Span(ArticleField field, string text, string word, int from = 0) =>
        new(field, text.IndexOf(word, from, StringComparison.Ordinal), word.Length);

    [Fact]
    public void The_matched_words_are_the_highlighted_runs()
    {
        const string title = "Mistral and the AI Act";

        var snippet = Snippet.Of(title, [Span(ArticleField.Title, title, "Mistral"), Span(ArticleField.Title, title, "AI Act"), Span(ArticleField.Summary, "x", "x")], ArticleField.Title);

        Assert.Equal([("Mistral", true), (" and the ", false), ("AI Act", true)], snippet.Runs);
    }

    [Fact]
    public void A_long_summary_is_cut_around_the_first_match_at_word_boundaries()
    {
        var summary = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}")) + " the AI Act passed " + string.Join(' ', Enumerable.Range(0, 200).Select(i => $"tail{i}"));
        var article = Article("a", "t", summary: summary);

        var snippet = Snippet.Around(article, [Span(ArticleField.Summary, summary, "AI Act")], 120);

        Assert.Equal(("… ", false), snippet.Runs[0]);
        Assert.Equal((" …", false), snippet.Runs[^1]);
        Assert.Contains(("AI Act", true), snippet.Runs);
        Assert.InRange(snippet.Text.Length, 60, 130);
        Assert.Matches(@"^… word\d+ .* tail\d+ …$", snippet.Text);
    }

    [Fact]
    public void Overlapping_highlights_from_two_terms_are_shown_once()
    {
        const string summary = "The European Commission said";

        var snippet = Snippet.Around(Article("a", "t", summary: summary), [Span(ArticleField.Summary, summary, "European Commission"), Span(ArticleField.Summary, summary, "Commission")]);

        Assert.Equal([("The ", false), ("European Commission", true), (" said", false)], snippet.Runs);
    }

    [Fact]
    public void Without_a_match_in_the_body_the_snippet_is_the_start_of_the_summary()
    {
        var snippet = Snippet.Around(Article("a", "AI Act", summary: "A short summary."), [new HighlightSpan(ArticleField.Title, 0, 6)]);

        Assert.Equal([("A short summary.", false)], snippet.Runs);
    }

    [Fact]
    public void Spans_outside_the_text_are_ignored_rather_than_failing()
    {
        var snippet = Snippet.Around(Article("a", "t", summary: "short"), [new HighlightSpan(ArticleField.Summary, 3, 50), new HighlightSpan(ArticleField.Summary, 99, 2)]);

        Assert.Equal([("sho", false), ("rt", true)], snippet.Runs);
    }
}
