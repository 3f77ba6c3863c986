using System.Diagnostics;
using NewsMonitor.Matching;

namespace NewsMonitor.Benchmarks.Matching;

/// <summary>
/// Not BenchmarkDotNet: the watchlist sizes (and the baseline) take turns pass after pass, so that
/// a burst of load from another process on a shared machine hits every size alike. Prints the
/// median and the minimum time per corpus pass, and the ratios the targets are stated in.
/// </summary>
internal static class InterleavedRun
{
    private static readonly int[] Sizes = [10, 1_000, 10_000];

    public static void Print(TextWriter output, int rounds)
    {
        var articles = MatchingCorpus.Articles;
        // Plain watchlists, then the same sizes with one generated term in five using NOT NEAR and a fuzzy word.
        var watchlists = Sizes.Select(size => CompiledWatchlist.Compile(WatchlistGenerator.Generate(size)))
            .Concat(Sizes.Select(size => CompiledWatchlist.Compile(WatchlistGenerator.Generate(size, exclusions: true)))).ToArray();
        var baselines = Sizes.Take(2).Select(size => new RegexBaseline(WatchlistGenerator.Generate(size))).ToArray();
        var compiledTimes = watchlists.Select(_ => new List<double>()).ToArray();
        var baselineTimes = baselines.Select(_ => new List<double>()).ToArray();
        var matched = new List<string>();

        // Warm-up rounds, not counted: until the JIT has optimised the hot loops.
        const int WarmupRounds = 5;
        for (var round = -WarmupRounds; round < rounds; round++)
        {
            for (var i = 0; i < watchlists.Length; i++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var article in articles)
                {
                    watchlists[i].Match(article);
                }

                if (round >= 0)
                {
                    compiledTimes[i].Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            // The baseline is a hundred times slower: one pass in five rounds is plenty.
            for (var i = 0; i < baselines.Length && round >= 0 && round % 5 == 0; i++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var article in articles)
                {
                    matched.Clear();
                    baselines[i].Match(article, matched);
                }

                baselineTimes[i].Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        output.WriteLine($"corpus: {articles.Length} articles, {MatchingCorpus.Utf8Bytes:N0} UTF-8 bytes; {rounds} rounds; ms per pass (median / min), MB/s from the median");
        for (var i = 0; i < watchlists.Length; i++)
        {
            var name = i < Sizes.Length ? "compiled" : "excl+fuzzy";
            output.WriteLine($"  {name,-10} {Sizes[i % Sizes.Length],6} terms: {Median(compiledTimes[i]),8:N2} / {compiledTimes[i].Min(),8:N2} ms  {MegabytesPerSecond(Median(compiledTimes[i])),6:N0} MB/s");
        }

        for (var i = 0; i < baselines.Length; i++)
        {
            output.WriteLine($"  regex,    {Sizes[i],6} terms: {Median(baselineTimes[i]),8:N2} / {baselineTimes[i].Min(),8:N2} ms  {MegabytesPerSecond(Median(baselineTimes[i])),6:N2} MB/s");
        }

        output.WriteLine($"  10,000 terms / 10 terms: {Median(compiledTimes[2]) / Median(compiledTimes[0]):N2} (median), {compiledTimes[2].Min() / compiledTimes[0].Min():N2} (min)");
        output.WriteLine($"  regex / compiled at 1,000 terms: {Median(baselineTimes[1]) / Median(compiledTimes[1]):N0}x (median)");
        output.WriteLine($"  regex / compiled at 10 terms: {Median(baselineTimes[0]) / Median(compiledTimes[0]):N1}x (median)");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double MegabytesPerSecond(double milliseconds) => MatchingCorpus.Utf8Bytes / 1e6 / (milliseconds / 1000);
}
