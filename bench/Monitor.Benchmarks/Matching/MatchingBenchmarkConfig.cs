using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace NewsMonitor.Benchmarks.Matching;

/// <summary>
/// A short job (a few minutes in all) with memory figures and throughput columns. The machine is
/// shared, so the median and the minimum are shown beside the mean, and throughput is computed
/// from the median, which other processes' bursts disturb least.
/// </summary>
public sealed class MatchingBenchmarkConfig : ManualConfig
{
    public MatchingBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15).WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        AddColumn(new ThroughputColumn(articles: false), new ThroughputColumn(articles: true));
    }
}
