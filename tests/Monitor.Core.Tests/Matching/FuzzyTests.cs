using NewsMonitor.Matching;

namespace NewsMonitor.Tests.Matching;

/// <summary>word~: the word or any word one Damerau edit away (insertion, deletion, substitution, adjacent transposition).</summary>
public sealed class FuzzyTests
{
    [Theory]
    [InlineData("Mistral", true)]
    [InlineData("Mistrai", true)]
    [InlineData("Mistrail", true)]
    [InlineData("Mistal", true)]
    [InlineData("Mitsral", true)]
    [InlineData("Mistrals", true)]
    [InlineData("XMistral", true)]
    [InlineData("istral", true)]
    [InlineData("mistarl", true)]
    [InlineData("Mistrial", true)]
    [InlineData("MISTRÂL", true)]
    [InlineData("Mitsrai", false)]
    [InlineData("Mistralian", false)]
    [InlineData("Mist", false)]
    [InlineData("tsiMral", false)]
    [InlineData("Mistr al", false)]
    public void Matches_words_one_edit_away(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("Mistral~", content));

    [Fact]
    public void Is_exact_unless_asked()
    {
        Assert.False(Watch.Matches("Mistral", "Mistrai AI"));
        Assert.True(Watch.Matches("Mistral~", "Mistrai AI"));
    }

    [Theory]
    [InlineData("Mistrai AI", true)]
    [InlineData("Mistral AI", true)]
    [InlineData("Mistrai IA", false)]
    [InlineData("AI Mistrai", false)]
    public void Works_inside_phrases(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("\"Mistral~ AI\"", content));

    [Fact]
    public void Keeps_case_when_the_term_matches_case()
    {
        Assert.True(Watch.Matches("Mistral~", "Mistrai", matchCase: true));
        Assert.False(Watch.Matches("Mistral~", "mistrai", matchCase: true));
    }

    [Fact]
    public void Highlights_the_word_found_once()
    {
        var article = new ArticleText("", "", "Mistrall et Mistral");

        Assert.Equal(["Content:Mistrall", "Content:Mistral"], Watch.Highlighted("Mistral~", article));
        Assert.Single(Watch.Compile("Mistral~ NEAR/0 et").Match(article));
    }

    [Fact]
    public void Several_fuzzy_words_of_a_watchlist_are_told_apart()
    {
        var watchlist = CompiledWatchlist.Compile([Watch.Term("m", "Mistral~"), Watch.Term("c", "Commission~"), Watch.Term("e", "Mistral")]);

        Assert.Equal(["m"], watchlist.Match(new ArticleText("", "", "Mistrall")).Select(match => match.TermId));
        Assert.Equal(["c"], watchlist.Match(new ArticleText("", "", "Comission")).Select(match => match.TermId));
        Assert.Equal(["m", "e"], watchlist.Match(new ArticleText("", "", "Mistral")).Select(match => match.TermId));
    }

    [Theory]
    [InlineData("abcde", "abcde", true)]
    [InlineData("abcde", "abcd", true)]
    [InlineData("abcde", "bcde", true)]
    [InlineData("abcde", "abxde", true)]
    [InlineData("abcde", "bacde", true)]
    [InlineData("abcde", "abced", true)]
    [InlineData("abcde", "abcdef", true)]
    [InlineData("abcde", "abde", true)]
    [InlineData("abcde", "badce", false)]
    [InlineData("abcde", "abc", false)]
    [InlineData("abcde", "axcdy", false)]
    [InlineData("abcde", "acbed", false)]
    public void Tells_one_edit_from_two(string a, string b, bool expected)
    {
        Assert.Equal(expected, FuzzyWords.AreOneEditApart(a, b));
        Assert.Equal(expected, FuzzyWords.AreOneEditApart(b, a));
    }

    [Fact]
    public void Reads_the_tilde_in_the_query() =>
        Assert.Equal("AND(mistral~, \"mistral~ ai\")", CompiledWatchlist.Explain("Mistral~ \"Mistral~ AI\""));
}
