using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Matching;

public sealed class SmokeTests
{
    [Theory]
    [InlineData("\"IA Act\"", "Le point sur l’IA Act", true)]
    [InlineData("\"Mistral AI\"", "Mistral-AI lève des fonds", true)]
    [InlineData("Mistral-AI", "Mistral AI lève des fonds", true)]
    [InlineData("\"loi sur l'IA\"", "la loi sur l\u2019IA", true)]
    [InlineData("régul*", "irrégulier", false)]
    [InlineData("régul*", "la régulation", true)]
    [InlineData("Commission", "les Commissions", false)]
    [InlineData("a NEAR/2 b", "a x y b", true)]
    [InlineData("a NEAR/2 b", "b x y z a", false)]
    [InlineData("a -b", "a c", true)]
    [InlineData("a -b", "a b", false)]
    [InlineData("cafe", "cafe\u0301 noir", true)]
    public void Matches(string query, string content, bool expected)
    {
        var watchlist = CompiledWatchlist.Compile([new WatchTerm { Id = "t", Name = "t", Query = query }]);
        var matches = watchlist.Match(new ArticleText("", "", content));
        Assert.Equal(expected, matches.Count == 1);
    }

    [Fact]
    public void Explains()
    {
        Assert.Equal("OR(a, AND(NOT(b), c))", CompiledWatchlist.Explain("a OR -b AND c"));
    }
}
