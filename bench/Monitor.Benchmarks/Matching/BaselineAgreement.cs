using System.Diagnostics;
using NewsMonitor.Matching;
using NewsMonitor.Storage;

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
                PrintBoundedBaseline(output, terms, articles);
                continue;
            }

            var baseline = new RegexBaseline(terms);
            var disagreements = 0;
            for (var i = 0; i < articles.Length; i++)
            {
                var matched = new List<string>();
                baseline.Match(articles[i], matched);
                disagreements += compiled[i].Count + matched.Count - (2 * matched.Count(compiled[i].Contains));
                foreach (var id in compiled[i].Except(matched).Concat(matched.Except(compiled[i])))
                {
                    output.WriteLine($"  disagreement: article {i}, term {id} ({terms.First(term => term.Id == id).Query}), compiled watchlist says {compiled[i].Contains(id)}");
                }
            }

            output.WriteLine($"  regex baseline disagrees on {disagreements} of {articles.Length * size:N0} (article, term) pairs");
        }
    }

    /// <summary>The baseline at 10,000 terms, timed over a few articles only: a full benchmark would take hours.</summary>
    private static void PrintBoundedBaseline(TextWriter output, WatchTerm[] terms, ArticleText[] articles)
    {
        const int Sample = 10;
        var clock = Stopwatch.StartNew();
        var baseline = new RegexBaseline(terms);
        var compileTime = clock.Elapsed;
        var matched = new List<string>();
        baseline.Match(articles[^1], matched);
        clock.Restart();
        foreach (var article in articles.Take(Sample))
        {
            matched.Clear();
            baseline.Match(article, matched);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var megabytes = ArticleCorpus.Utf8Bytes(articles.Take(Sample)) / 1e6;
        output.WriteLine($"  regex baseline: {compileTime.TotalSeconds:N0} s to compile; {seconds / Sample * 1000:N0} ms per article, {megabytes / seconds * 1000:N1} KB/s over the first {Sample} articles");
    }
}
