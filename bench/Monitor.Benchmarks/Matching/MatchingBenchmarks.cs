using BenchmarkDotNet.Attributes;
using NewsMonitor.Matching;

namespace NewsMonitor.Benchmarks.Matching;

/// <summary>One pass of the compiled watchlist over the whole corpus, per watchlist size.</summary>
[Config(typeof(MatchingBenchmarkConfig))]
public class MatchingBenchmarks
{
    private CompiledWatchlist watchlist = null!;

    [Params(10, 1_000, 10_000)]
    public int Terms { get; set; }

    /// <summary>One generated term in five uses NOT NEAR and a fuzzy word (see <see cref="WatchlistGenerator"/>).</summary>
    [Params(false, true)]
    public bool Exclusions { get; set; }

    [GlobalSetup]
    public void Setup() => watchlist = NewsMonitor.Matching.CompiledWatchlist.Compile(WatchlistGenerator.Generate(Terms, Exclusions));

    /// <returns>The number of (article, term) matches, so the work cannot be optimised away.</returns>
    [Benchmark]
    public int CompiledWatchlist()
    {
        var matches = 0;
        foreach (var article in MatchingCorpus.Articles)
        {
            matches += watchlist.Match(article).Count;
        }

        return matches;
    }
}
