using BenchmarkDotNet.Attributes;

namespace NewsMonitor.Benchmarks.Matching;

/// <summary>
/// The same pass with one Regex per term. Not run at 10,000 terms: at about a second per
/// 1,000 terms per corpus pass it would take minutes per iteration.
/// </summary>
[Config(typeof(MatchingBenchmarkConfig))]
public class RegexBaselineBenchmarks
{
    private readonly List<string> matched = [];
    private RegexBaseline baseline = null!;

    [Params(10, 1_000)]
    public int Terms { get; set; }

    [GlobalSetup]
    public void Setup() => baseline = new RegexBaseline(WatchlistGenerator.Generate(Terms));

    [Benchmark]
    public int RegexPerTerm()
    {
        var matches = 0;
        foreach (var article in MatchingCorpus.Articles)
        {
            matched.Clear();
            matches += baseline.Match(article, matched);
        }

        return matches;
    }
}
