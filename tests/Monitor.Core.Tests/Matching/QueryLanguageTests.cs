using NewsMonitor.Matching;

namespace NewsMonitor.Tests.Matching;

public sealed class QueryLanguageTests
{
    [Theory]
    [InlineData("a OR -b AND c", "OR(a, AND(NOT(b), c))")]
    [InlineData("a b OR c", "OR(AND(a, b), c)")]
    [InlineData("a OR b c", "OR(a, AND(b, c))")]
    [InlineData("a AND b AND c", "AND(a, b, c)")]
    [InlineData("a OR b OR c", "OR(a, b, c)")]
    [InlineData("(a OR b) c", "AND(OR(a, b), c)")]
    [InlineData("NOT a b", "AND(NOT(a), b)")]
    [InlineData("b NOT a", "AND(b, NOT(a))")]
    [InlineData("b -a", "AND(b, NOT(a))")]
    [InlineData("b -(a OR c)", "AND(b, NOT(OR(a, c)))")]
    [InlineData("b -\"a c\"", "AND(b, NOT(\"a c\"))")]
    [InlineData("NOT NOT a", "NOT(NOT(a))")]
    [InlineData("--a", "NOT(NOT(a))")]
    [InlineData("a NEAR/3 b c", "AND(NEAR/3(a, b), c)")]
    [InlineData("a NEAR/3 b OR c", "OR(NEAR/3(a, b), c)")]
    [InlineData("c a NEAR/3 b", "AND(c, NEAR/3(a, b))")]
    [InlineData("(a OR \"b c\") NEAR/2 d*", "NEAR/2(OR(a, \"b c\"), d*)")]
    [InlineData("Mistral-AI", "\"mistral ai\"")]
    [InlineData("\"loi sur l'IA\"", "\"loi sur l ia\"")]
    [InlineData("\"intelligence artific*\"", "\"intelligence artific*\"")]
    [InlineData("Régul*", "regul*")]
    [InlineData("and or near not", "AND(and, or, near, not)")]
    [InlineData("((a))", "a")]
    [InlineData("a NOT NEAR/2 b", "NOT NEAR/2(a, b)")]
    [InlineData("a NOT b", "AND(a, NOT(b))")]
    [InlineData("a NOT NEAR/2 b c", "AND(NOT NEAR/2(a, b), c)")]
    [InlineData("a NOT NEAR/2 b OR c", "OR(NOT NEAR/2(a, b), c)")]
    [InlineData("a NEAR/3 b NOT NEAR/2 c", "NOT NEAR/2(NEAR/3(a, b), c)")]
    [InlineData("a NOT NEAR/2 b NEAR/3 c", "NEAR/3(NOT NEAR/2(a, b), c)")]
    [InlineData("a NOT NEAR/1 b NOT NEAR/2 c", "NOT NEAR/2(NOT NEAR/1(a, b), c)")]
    [InlineData("\"AI Act\" NOT NEAR/2 (Colorado OR Texas)", "NOT NEAR/2(\"ai act\", OR(colorado, texas))")]
    [InlineData("x NEAR/2 ((a NEAR/1 b) OR c)", "NEAR/2(x, OR(NEAR/1(a, b), c))")]
    [InlineData("a\u00A0OR\u00A0b", "OR(a, b)")]
    public void Reads_the_query_with_the_documented_precedence(string query, string reading) =>
        Assert.Equal(reading, CompiledWatchlist.Explain(query));

    [Fact]
    public void Explains_a_case_sensitive_query_with_its_case() =>
        Assert.Equal("AND(Commission, européenne)".Replace("é", "e", StringComparison.Ordinal), CompiledWatchlist.Explain("Commission européenne", matchCase: true));

    [Theory]
    // a OR ((NOT b) AND c)
    [InlineData("a", true)]
    [InlineData("c", true)]
    [InlineData("b c", false)]
    [InlineData("a b c", true)]
    [InlineData("b", false)]
    [InlineData("x", false)]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("a OR -b AND c", content));

    [Theory]
    [InlineData("Mistral Commission", "la Commission et Mistral", true)]
    [InlineData("Mistral AND Commission", "la Commission et Mistral", true)]
    [InlineData("Mistral AND Commission", "Mistral seul", false)]
    [InlineData("Mistral OR Anthropic", "Anthropic seul", true)]
    [InlineData("Mistral OR Anthropic", "OpenAI seul", false)]
    [InlineData("Mistral -Nvidia", "Mistral et Nvidia", false)]
    [InlineData("Mistral NOT Nvidia", "Mistral seul", true)]
    [InlineData("Mistral -\"AI Act\"", "Mistral, AI et Act", true)]
    [InlineData("Mistral -\"AI Act\"", "Mistral et l'AI Act", false)]
    [InlineData("(Mistral OR Anthropic) (Commission OR Bruxelles)", "Anthropic à Bruxelles", true)]
    [InlineData("(Mistral OR Anthropic) (Commission OR Bruxelles)", "Anthropic à Paris", false)]
    [InlineData("NOT NOT Mistral", "Mistral", true)]
    [InlineData("Mistral AND (Commission OR -Bruxelles)", "Mistral à Paris", true)]
    [InlineData("Mistral AND (Commission OR -Bruxelles)", "Mistral à Bruxelles", false)]
    [InlineData("Mistral AND (Commission OR -Bruxelles)", "Mistral, Bruxelles, Commission", true)]
    [InlineData("-(-Mistral OR Nvidia)", "Mistral", true)]
    [InlineData("-(-Mistral OR Nvidia)", "Mistral et Nvidia", false)]
    [InlineData("\"AI Act\"", "Act AI", false)]
    [InlineData("\"AI Act\"", "AI, Act", true)]
    [InlineData("\"le le\"", "le le", true)]
    [InlineData("\"le le\"", "le la le", false)]
    [InlineData("\"intelligence artific*\"", "l'intelligence artificielle", true)]
    [InlineData("\"intelligence artific*\"", "intelligence et artifice", false)]
    public void Evaluates_boolean_operators(string query, string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches(query, content));

    [Theory]
    [InlineData("\"Mistral AI\"")]
    [InlineData("Mistral NEAR/50 Commission")]
    public void Phrases_and_near_do_not_join_two_fields(string query)
    {
        var watchlist = Watch.Compile(query);

        Assert.Empty(watchlist.Match(new("Mistral", "AI Commission", "")));
        Assert.Empty(watchlist.Match(new("", "Nouvelles de Mistral", "AI et Commission")));
    }

    [Fact]
    public void A_query_is_true_over_the_three_fields_together()
    {
        var watchlist = Watch.Compile("Mistral Commission -Nvidia");

        Assert.Single(watchlist.Match(new("Mistral", "", "la Commission")));
        Assert.Empty(watchlist.Match(new("Mistral", "Nvidia", "la Commission")));
    }
}
