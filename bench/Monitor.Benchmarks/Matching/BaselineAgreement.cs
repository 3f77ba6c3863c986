using System.Diagnostics;
using NewsMonitor.Matching;

namespace NewsMonitor.Benchmarks.Matching;

/// <summary>Prints the corpus, the matches per watchlist size, and how often the baseline agrees with the compiled watchlist.</summary>
internal static class BaselineAgreement
{
    public static void Print(TextWriter output)
    {
        var articles = MatchingCorpus.Articles;
        output.WriteLine($"corpus: {articles.Length} articles, {MatchingCorpus.Utf8Bytes:N0} UTF-8 bytes");
        foreach (var size in new[] { 10, 1_000, 10_000 })
        {
            var terms = WatchlistGenerator.Generate(size);
            var clock = Stopwatch.StartNew();
            var watchlist = CompiledWatchlist.Compile(terms);
            var compileTime = clock.Elapsed;
            var compiled = articles.Select(article => watchlist.Match(article).Select(match => match.TermId).ToHashSet()).ToArray();
            output.WriteLine($"{size} terms: compiled in {compileTime.TotalMilliseconds:N0} ms, {compiled.Sum(set => set.Count):N0} matches");
            if (size > 1_000)
            {
                continue;
            }

            var baseline = new RegexBaseline(terms);
            var disagreements = 0;
            for (var i = 0; i < articles.Length; i++)
            {
                var matched = new List<string>();
                baseline.Match(articles[i], matched);
                disagreements += compiled[i].Count + matched.Count - (2 * matched.Count(compiled[i].Contains));
            }

            output.WriteLine($"  regex baseline disagrees on {disagreements} of {articles.Length * size:N0} (article, term) pairs");
        }
    }
}
