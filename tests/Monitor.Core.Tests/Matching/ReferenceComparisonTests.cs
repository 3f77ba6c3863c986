using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Matching;

/// <summary>
/// Random queries and articles over a small vocabulary, so that words, phrases and NEAR windows
/// collide often: the compiled watchlist must agree with <see cref="ReferenceMatcher"/> every time.
/// </summary>
public sealed class ReferenceComparisonTests
{
    private static readonly string[] QueryWords =
        ["Mistral", "commission", "IA", "Act", "régulation", "régul*", "com*", "\"AI Act\"", "\"l'IA\"", "l’IA", "Mistral-AI", "\"la Commission\"", "le", "2024/1689", "\"1 000\"", "1,7", "1", "000", "2024*", "\"2 424 495 000\"", "Mistral~", "Commission~", "\"Mistral~ AI\"", "régulation~"];

    private static readonly string[] TextWords =
        ["Mistral", "Commission", "commission", "IA", "AI", "Act", "régulation", "régulateur", "irrégulier", "l’IA", "l'", "la", "le", "Mistral-AI", "com", "act,", "AI\u00A0Act", "e\u0301",
            "2024/1689", "2024", "/", "1689", "1", "000", "1\u00A0000", "1\u202F000", "1 000 000", "1,7", "1.7", ",", "7", "€2,424,495,000", "2\u2009424\u2009495\u2009000", "000m", "2024 2025",
            "Mistrai", "Mitsral", "Mistrall", "Mistal", "Comission", "Commissoin", "Mistr", "regulaton", "régulations", "mistral"];

    [Fact]
    public void Agrees_with_the_reference_on_random_queries_and_articles()
    {
        var random = new Random(20_240_601);
        var terms = new List<WatchTerm>();
        while (terms.Count < 300)
        {
            var query = RandomQuery(random, depth: 3);
            var matchCase = random.Next(4) == 0;
            try
            {
                CompiledWatchlist.Validate(query);
            }
            catch (QueryParseException)
            {
                continue;
            }

            terms.Add(new WatchTerm { Id = $"t{terms.Count}", Name = query, Query = query, MatchCase = matchCase });
        }

        var watchlist = CompiledWatchlist.Compile(terms);
        var disagreements = new List<string>();
        var matched = 0;
        for (var i = 0; i < 300; i++)
        {
            var article = new ArticleText(RandomText(random, 8), RandomText(random, 12), RandomText(random, 30));
            var expected = terms.Where(term => ReferenceMatcher.Matches(term.Query, term.MatchCase, article)).Select(term => term.Id).ToList();
            var actual = watchlist.Match(article).Select(match => match.TermId).ToList();
            matched += expected.Count;
            if (!expected.SequenceEqual(actual))
            {
                disagreements.Add($"{article}: expected [{string.Join(",", expected)}], got [{string.Join(",", actual)}]");
            }
        }

        Assert.Empty(disagreements);
        Assert.InRange(matched, 1_000, 80_000);
    }

    private static string RandomQuery(Random random, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
        {
            return QueryWords[random.Next(QueryWords.Length)];
        }

        var left = RandomQuery(random, depth - 1);
        var right = RandomQuery(random, depth - 1);
        return random.Next(9) switch
        {
            0 => $"{left} {right}",
            1 => $"({left} AND {right})",
            2 => $"({left} OR {right})",
            3 => $"{left} -{right}",
            4 => $"({left} NOT {right})",
            5 or 6 => $"({left} NOT NEAR/{random.Next(4)} {right})",
            _ => $"({left} NEAR/{random.Next(4)} {right})",
        };
    }

    private static string RandomText(Random random, int maxWords)
    {
        var count = random.Next(maxWords + 1);
        return string.Join(" ", Enumerable.Range(0, count).Select(_ => TextWords[random.Next(TextWords.Length)]));
    }
}
