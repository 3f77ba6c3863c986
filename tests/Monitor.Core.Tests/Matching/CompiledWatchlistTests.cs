using NewsMonitor.Matching;

namespace NewsMonitor.Tests.Matching;

public sealed class CompiledWatchlistTests
{
    [Fact]
    public void Returns_matching_terms_in_watchlist_order()
    {
        var watchlist = CompiledWatchlist.Compile(
        [
            Watch.Term("z", "Commission"),
            Watch.Term("a", "Mistral"),
            Watch.Term("m", "Anthropic"),
            Watch.Term("b", "Mistral Commission"),
        ]);

        var matches = watchlist.Match(new("Mistral", "", "Commission"));

        Assert.Equal(["z", "a", "b"], matches.Select(match => match.TermId));
    }

    [Fact]
    public void Matches_nothing_in_empty_articles()
    {
        var watchlist = Watch.Compile("Mistral OR \"AI Act\" OR régul* OR (a NEAR/2 b)");

        Assert.Empty(watchlist.Match(new("", "", "")));
        Assert.Empty(watchlist.Match(default));
        Assert.Empty(watchlist.Match(new(" ", "’ - \u00A0", "…")));
    }

    [Fact]
    public void Compiles_an_empty_watchlist()
    {
        var watchlist = CompiledWatchlist.Compile([]);

        Assert.Equal(0, watchlist.TermCount);
        Assert.Empty(watchlist.Match(new("Mistral", "", "")));
    }

    [Fact]
    public void Finds_words_at_the_end_of_a_very_long_text()
    {
        var content = string.Concat(Enumerable.Repeat("la Commission européenne régule l’intelligence artificielle. ", 20_000)) + "Enfin, Mistral AI.";
        var watchlist = CompiledWatchlist.Compile([Watch.Term("m", "\"Mistral AI\""), Watch.Term("c", "Commission NEAR/1 régul*")]);

        var matches = watchlist.Match(new("", "", content));

        Assert.Equal(["m", "c"], matches.Select(match => match.TermId));
        Assert.Equal(content.Length - "Mistral AI.".Length, matches[0].Highlights.Single().Start);
        Assert.Equal(20_000 * 2, matches[1].Highlights.Count);
    }

    [Fact]
    public void Matches_a_prefix_inside_an_overlong_word_but_never_the_whole_word()
    {
        var word = "Mistral" + new string('x', 500);
        var watchlist = CompiledWatchlist.Compile([Watch.Term("prefix", "Mistral*"), Watch.Term("word", "Mistral")]);

        var matches = watchlist.Match(new("", "", $"a {word} b"));

        Assert.Equal(["prefix"], matches.Select(match => match.TermId));
        Assert.Equal(word.Length, matches[0].Highlights.Single().Length);
    }

    [Fact]
    public void Gives_the_same_results_on_many_threads()
    {
        var watchlist = CompiledWatchlist.Compile(
        [
            Watch.Term("m", "Mistral NEAR/3 Commission"),
            Watch.Term("a", "\"AI Act\" -amende"),
        ]);
        var articles = Enumerable.Range(0, 2_000)
            .Select(i => new ArticleText("", "", i % 3 == 0 ? $"Mistral {i} Commission AI Act" : i % 3 == 1 ? "AI Act amende" : "AI Act"))
            .ToArray();
        var expected = articles.Select(article => string.Join(",", watchlist.Match(article).Select(match => match.TermId))).ToArray();

        var actual = new string[articles.Length];
        Parallel.For(0, articles.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            actual[i] = string.Join(",", watchlist.Match(articles[i]).Select(match => match.TermId)));

        Assert.Equal(expected, actual);
        Assert.Equal("m,a", expected[0]);
        Assert.Equal("", expected[1]);
        Assert.Equal("a", expected[2]);
    }

    [Fact]
    public void Keeps_two_watchlists_apart_on_one_thread()
    {
        var small = Watch.Compile("Mistral");
        var large = CompiledWatchlist.Compile(Enumerable.Range(0, 500).Select(i => Watch.Term($"t{i}", $"mot{i} OR Mistral")));
        var article = new ArticleText("Mistral", "", "mot7");

        Assert.Single(small.Match(article));
        Assert.Equal(500, large.Match(article).Count);
        Assert.Single(small.Match(article));
        Assert.Empty(small.Match(new("", "", "mot7")));
    }
}
