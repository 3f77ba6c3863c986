using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Matching;

/// <summary>
/// Highlights point at the original characters of the words that made the query true: every
/// occurrence of a true word, each phrase as one span, never a word under NOT.
/// </summary>
public sealed class HighlightTests
{
    [Theory]
    [InlineData("Mistral", "Mistral et mistral’s", new[] { "Content:Mistral", "Content:mistral" })]
    [InlineData("\"AI Act\"", "l’AI\u00A0Act", new[] { "Content:AI\u00A0Act" })]
    [InlineData("\"loi sur l'IA\"", "la loi sur l’IA passe", new[] { "Content:loi sur l’IA" })]
    [InlineData("cafe", "un cafe\u0301 noir", new[] { "Content:cafe\u0301" })]
    [InlineData("européenne", "la Commission Européenne", new[] { "Content:Européenne" })]
    [InlineData("finance", "la ﬁnance", new[] { "Content:ﬁnance" })]
    [InlineData("AI", "𝐀𝐈 !", new[] { "Content:𝐀𝐈" })]
    [InlineData("2", "x ½ y", new[] { "Content:½" })]
    [InlineData("Commission", "la Commis\u00ADsion", new[] { "Content:Commis\u00ADsion" })]
    [InlineData("régul*", "la régulation, les régulateurs", new[] { "Content:régulation", "Content:régulateurs" })]
    [InlineData("Mistral -Nvidia", "Mistral sans Nvidia ? non, Mistral", new string[0])]
    [InlineData("Mistral -OpenAI", "Mistral sans Nvidia", new[] { "Content:Mistral" })]
    [InlineData("Mistral OR Anthropic OR OpenAI", "Anthropic puis Mistral", new[] { "Content:Anthropic", "Content:Mistral" })]
    [InlineData("(Mistral Nvidia) OR Anthropic", "Mistral et Anthropic", new[] { "Content:Anthropic" })]
    [InlineData("\"AI Act\" OR Act", "the AI Act and the Act", new[] { "Content:AI Act", "Content:Act" })]
    [InlineData("Mistral NEAR/1 Commission", "Commission, Mistral. Puis Mistral loin, très loin, de la Commission", new[] { "Content:Commission", "Content:Mistral" })]
    [InlineData("Mistral NEAR/0 Commission", "Mistral Commission Mistral", new[] { "Content:Mistral", "Content:Commission", "Content:Mistral" })]
    public void Point_at_the_original_characters(string query, string content, string[] expected) =>
        Assert.Equal(expected, Watch.Highlighted(query, new ArticleText("", "", content)));

    [Fact]
    public void Point_into_the_field_where_the_word_is()
    {
        var article = new ArticleText("Mistral lève 600 M€", "La start-up Mistral AI", "Selon Mistral-AI, la Commission…");

        var highlights = Watch.Compile("\"Mistral AI\" OR Commission").Match(article)[0].Highlights;

        Assert.Equal(
            [
                new HighlightSpan(ArticleField.Summary, 12, 10),
                new HighlightSpan(ArticleField.Content, 6, 10),
                new HighlightSpan(ArticleField.Content, 21, 10),
            ],
            highlights);
        Assert.Equal(["Summary:Mistral AI", "Content:Mistral-AI", "Content:Commission"], highlights.Select(span => Watch.Show(article, span)));
    }

    [Fact]
    public void Overlapping_spans_are_merged_and_ordered()
    {
        var article = new ArticleText("", "", "the European AI Act");

        var highlights = Watch.Compile("\"AI Act\" OR \"European AI\" OR AI").Match(article)[0].Highlights;

        Assert.Equal([new HighlightSpan(ArticleField.Content, 4, 15)], highlights);
    }

    [Fact]
    public void Each_term_gets_its_own_highlights()
    {
        var watchlist = CompiledWatchlist.Compile([Watch.Term("a", "Mistral"), Watch.Term("b", "Commission")]);

        var matches = watchlist.Match(new ArticleText("Mistral", "", "Commission"));

        Assert.Equal([new HighlightSpan(ArticleField.Title, 0, 7)], matches[0].Highlights);
        Assert.Equal([new HighlightSpan(ArticleField.Content, 0, 10)], matches[1].Highlights);
    }
}
