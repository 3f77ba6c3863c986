using NewsMonitor.Matching;

namespace NewsMonitor.Tests.Matching;

/// <summary>An invalid query says where (0-based character position), what was expected and what was found.</summary>
public sealed class QueryErrorTests
{
    private const string Operand = "a word, phrase or parenthesised group";
    private const string NearOperand = "a word, prefix, phrase or parenthesised OR of those";
    private const string Distance = "a number of words from 0 to 50";
    private const string ExclusionOperand = "a word, prefix, phrase, NEAR or parenthesised OR of those";

    [Theory]
    [InlineData("", "empty query", 0, Operand, "end of query")]
    [InlineData("   ", "empty query", 3, Operand, "end of query")]
    [InlineData("(a OR b", "unbalanced parenthesis ('(' at position 0 is never closed)", 7, "')'", "end of query")]
    [InlineData("a (b (c) d", "unbalanced parenthesis ('(' at position 2 is never closed)", 10, "')'", "end of query")]
    [InlineData("a OR b)", "unbalanced parenthesis (')' without '(')", 6, "end of query", "')'")]
    [InlineData(")", "unbalanced parenthesis (')' without '(')", 0, Operand, "')'")]
    [InlineData("a ()", "empty parentheses", 3, Operand, "')'")]
    [InlineData("\"AI Act", "unterminated quote (the phrase opened at position 0 is never closed)", 7, "closing '\"'", "end of query")]
    [InlineData("a OR \"b", "unterminated quote (the phrase opened at position 5 is never closed)", 7, "closing '\"'", "end of query")]
    [InlineData("a AND", "dangling operator 'AND' (nothing after it)", 5, Operand, "end of query")]
    [InlineData("a AND )", "dangling operator 'AND' (nothing after it)", 6, Operand, "')'")]
    [InlineData("OR a", "dangling operator 'OR' (nothing before it)", 0, Operand, "'OR'")]
    [InlineData("a OR OR b", "dangling operator 'OR' (nothing after it)", 5, Operand, "'OR'")]
    [InlineData("a AND OR b", "dangling operator 'AND' (nothing after it)", 6, Operand, "'OR'")]
    [InlineData("(AND a)", "dangling operator 'AND' (nothing before it)", 1, Operand, "'AND'")]
    [InlineData("a NOT", "dangling operator 'NOT' (nothing after it)", 5, Operand, "end of query")]
    [InlineData("NEAR/3 a", "dangling operator NEAR/3 (nothing before it)", 0, Operand, "NEAR/3")]
    [InlineData("a NEAR/3", "dangling operator NEAR/3 (nothing after it)", 8, Operand, "end of query")]
    [InlineData("a NEAR b", "NEAR needs a distance", 6, "'/' and a number of words, as in NEAR/5", "a space")]
    [InlineData("a NEAR", "NEAR needs a distance", 6, "'/' and a number of words, as in NEAR/5", "end of query")]
    [InlineData("a NEAR/x b", "NEAR needs a distance", 7, Distance, "'x'")]
    [InlineData("a NEAR/ b", "NEAR needs a distance", 7, Distance, "nothing")]
    [InlineData("a NEAR/-1 b", "NEAR needs a distance", 7, Distance, "'-1'")]
    [InlineData("a NEAR/51 b", "NEAR distance too large", 7, Distance, "51")]
    [InlineData("a NEAR/99999999999 b", "NEAR distance too large", 7, Distance, "99999999999")]
    [InlineData("a NEAR/2 b NEAR/2 c", "NEAR cannot be chained", 11, "AND between two NEAR, as in (a NEAR/3 b) AND (b NEAR/3 c)", "NEAR/2")]
    [InlineData("-a NEAR/2 b", "invalid NEAR operand", 0, NearOperand, "a negation")]
    [InlineData("a NEAR/2 NOT b", "invalid NEAR operand", 9, NearOperand, "a negation")]
    [InlineData("a NEAR/2 (b c)", "invalid NEAR operand", 9, NearOperand, "an AND group")]
    [InlineData("a NEAR/2 (b OR -c)", "invalid NEAR operand", 9, NearOperand, "an OR group containing AND or NOT")]
    [InlineData("(a NEAR/1 b) NEAR/2 c", "NEAR cannot be chained", 13, "AND between two NEAR, as in (a NEAR/3 b) AND (b NEAR/3 c)", "NEAR/2")]
    [InlineData("a NEAR/2 (b NEAR/1 c)", "invalid NEAR operand", 9, NearOperand, "a NEAR expression")]
    [InlineData("a NOT NEAR/2", "dangling operator NEAR/2 (nothing after it)", 12, Operand, "end of query")]
    [InlineData("a NOT NEAR/2 -b", "invalid NOT NEAR operand", 13, ExclusionOperand, "a negation")]
    [InlineData("(a b) NOT NEAR/2 c", "invalid NOT NEAR operand", 0, ExclusionOperand, "an AND group")]
    [InlineData("a NOT NEAR/2 (b OR -c)", "invalid NOT NEAR operand", 13, ExclusionOperand, "an OR group containing AND or NOT")]
    [InlineData("a NOT NEAR/51 b", "NEAR distance too large", 11, Distance, "51")]
    [InlineData("a NOT NEAR b", "NEAR needs a distance", 10, "'/' and a number of words, as in NEAR/5", "a space")]
    [InlineData("NOT NEAR/2 b", "dangling operator NOT NEAR/2 (nothing before it)", 0, Operand, "NOT NEAR/2")]
    [InlineData("a OR NOT NEAR/2 b", "dangling operator NOT NEAR/2 (nothing before it)", 5, Operand, "NOT NEAR/2")]
    [InlineData("Act~", "fuzzy word too short (one edit away from a short word is too many other words)", 0, "a word of at least 5 letters before '~'", "'act' (3 letters)")]
    [InlineData("x \"l'Acte~ IA\"", "fuzzy word too short (one edit away from a short word is too many other words)", 5, "a word of at least 5 letters before '~'", "'acte' (4 letters)")]
    [InlineData("Mistral~~", "misplaced '~'", 8, "'~' right after the letters of a word", "'~'")]
    [InlineData("Mis~tral", "misplaced '~'", 4, "'~' at the end of a word", "'t'")]
    [InlineData("Mistral*~", "misplaced '~'", 8, "'~' right after the letters of a word", "'~'")]
    [InlineData("Mistral~*", "misplaced '*'", 8, "'*' right after the letters of a word", "'*'")]
    [InlineData("~", "not a word", 0, "a word (letters or digits)", "'~'")]
    [InlineData("Mistral NEAR5 AI", "'NEAR5' looks like a misspelt NEAR", 8, "NEAR/5 (upper case, '/' before the distance), or \"NEAR5\" in quotes to match it as words", "'NEAR5'")]
    [InlineData("Mistral near/5 AI", "'near/5' looks like a misspelt NEAR", 8, "NEAR/5 (upper case, '/' before the distance), or \"near/5\" in quotes to match it as words", "'near/5'")]
    [InlineData("Mistral Near:12 AI", "'Near:12' looks like a misspelt NEAR", 8, "NEAR/12 (upper case, '/' before the distance), or \"Near:12\" in quotes to match it as words", "'Near:12'")]
    [InlineData("a \"\"", "empty phrase", 2, "a word between the quotes", "\"\"")]
    [InlineData("\" ' \"", "empty phrase", 0, "a word between the quotes", "\" ' \"")]
    [InlineData("a & b", "not a word", 2, "a word (letters or digits)", "'&'")]
    [InlineData("a - b", "not a word", 2, "a word (letters or digits)", "'-'")]
    [InlineData("*", "not a word", 0, "a word (letters or digits)", "'*'")]
    [InlineData("x mis*tral", "misplaced '*'", 6, "'*' at the end of a word", "'t'")]
    [InlineData("ab**", "misplaced '*'", 3, "'*' right after the letters of a word", "'*'")]
    [InlineData("\"a *b\"", "misplaced '*'", 3, "'*' right after the letters of a word", "'*'")]
    [InlineData("-wind", "the query matches articles that contain none of its words", 0, "a word that must be present", "a query that only excludes words")]
    [InlineData("NOT a OR b", "the query matches articles that contain none of its words", 0, "a word that must be present", "a query that only excludes words")]
    [InlineData("a OR -b", "the query matches articles that contain none of its words", 0, "a word that must be present", "a query that only excludes words")]
    [InlineData("-(a b)", "the query matches articles that contain none of its words", 0, "a word that must be present", "a query that only excludes words")]
    public void Says_where_and_why(string query, string reason, int position, string expected, string found)
    {
        var error = Assert.Throws<QueryParseException>(() => CompiledWatchlist.Validate(query));

        Assert.Equal((reason, position, expected, found), (error.Reason, error.Position, error.Expected, error.Found));
        Assert.Equal($"{reason} at position {position}: expected {expected}, found {found}", error.Message);
    }

    [Theory]
    [InlineData("near Marseille")]
    [InlineData("\"NEAR5\" OR nearby")]
    [InlineData("nearshore")]
    public void Near_as_a_word_or_quoted_is_not_taken_for_an_operator(string query) => CompiledWatchlist.Validate(query);

    [Fact]
    public void Rejects_a_query_longer_than_the_limit()
    {
        var query = string.Join(" OR ", Enumerable.Repeat("mot", 2_900));

        var error = Assert.Throws<QueryParseException>(() => CompiledWatchlist.Validate(query));

        Assert.Equal(("query too long", 20_000, "at most 20000 characters", $"{query.Length} characters"), (error.Reason, error.Position, error.Expected, error.Found));
    }

    [Fact]
    public void Accepts_a_query_of_exactly_the_limit() =>
        CompiledWatchlist.Validate(new string('a', 100) + new string(' ', 19_900));

    [Fact]
    public void Rejects_parentheses_nested_too_deeply()
    {
        CompiledWatchlist.Validate(new string('(', 32) + "a" + new string(')', 32));

        var error = Assert.Throws<QueryParseException>(() => CompiledWatchlist.Validate(new string('(', 33) + "a" + new string(')', 33)));

        Assert.Equal(("query nested too deeply", 32, "at most 32 nested groups and NOTs", "'('"), (error.Reason, error.Position, error.Expected, error.Found));
    }

    [Fact]
    public void Rejects_negations_nested_too_deeply()
    {
        var query = string.Concat(Enumerable.Repeat("NOT ", 34)) + "a";

        var error = Assert.Throws<QueryParseException>(() => CompiledWatchlist.Validate(query));

        Assert.Equal(("query nested too deeply", 32 * 4), (error.Reason, error.Position));
    }

    [Fact]
    public void Rejects_too_many_words()
    {
        CompiledWatchlist.Validate(string.Join(" OR ", Enumerable.Range(0, 1_000).Select(i => $"w{i}")));
        var query = string.Join(" OR ", Enumerable.Range(0, 1_001).Select(i => $"w{i}"));

        var error = Assert.Throws<QueryParseException>(() => CompiledWatchlist.Validate(query));

        Assert.Equal(("too many words", query.LastIndexOf("w1000", StringComparison.Ordinal), "at most 1000 words and phrase words per query", "word 1001"), (error.Reason, error.Position, error.Expected, error.Found));
    }

    [Fact]
    public void Counts_every_word_of_a_phrase()
    {
        var query = "\"" + string.Join(' ', Enumerable.Range(0, 1_001).Select(i => $"w{i}")) + "\"";

        var error = Assert.Throws<QueryParseException>(() => CompiledWatchlist.Validate(query));

        Assert.Equal("too many words", error.Reason);
    }

    [Fact]
    public void Rejects_a_word_longer_than_the_limit()
    {
        CompiledWatchlist.Validate(new string('a', 100));

        var error = Assert.Throws<QueryParseException>(() => CompiledWatchlist.Validate("x " + new string('a', 101)));

        Assert.Equal(("word too long", 2, "at most 100 characters", "101 characters"), (error.Reason, error.Position, error.Expected, error.Found));
    }

    [Fact]
    public void Names_the_invalid_term_of_a_watchlist()
    {
        var error = Assert.Throws<InvalidTermException>(() => CompiledWatchlist.Compile(
        [
            Watch.Term("ok", "Mistral"),
            Watch.Term("broken", "(Mistral"),
        ]));

        Assert.Equal("broken", error.TermId);
        Assert.Equal(8, error.Error.Position);
        Assert.StartsWith("term 'broken': unbalanced parenthesis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skips_disabled_terms_even_when_invalid()
    {
        var watchlist = CompiledWatchlist.Compile(
        [
            Watch.Term("ok", "Mistral"),
            Watch.Term("off", "(Mistral") with { Enabled = false },
            Watch.Term("off-valid", "Mistral") with { Enabled = false },
        ]);

        Assert.Equal(1, watchlist.TermCount);
        Assert.Equal(["ok"], watchlist.Match(new("Mistral", "", "")).Select(match => match.TermId));
    }
}
