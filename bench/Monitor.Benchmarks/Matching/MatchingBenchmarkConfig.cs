using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace NewsMonitor.Benchmarks.Matching;

/// <summary>A short job (the machine is shared) with memory figures and throughput columns.</summary>
public sealed class MatchingBenchmarkConfig : ManualConfig
{
    public MatchingBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(6).WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new ThroughputColumn(articles: false), new ThroughputColumn(articles: true));
    }
}
