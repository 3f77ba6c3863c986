using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Testing;

namespace NewsMonitor.Benchmarks.Feeds;

/// <summary>
/// One poll cycle over 1,000 feeds of 50 items served from loopback (Kestrel, in a process of its own, on 8
/// loopback addresses so that the per-host limit does not stand in for 1,000 different sites): schedule, fetch, parse,
/// normalise, dedupe, story keys, store, queue. A full cycle on an empty store, and a cycle in which every
/// feed answers 304 Not Modified; each with the default concurrency and sequentially (the baseline).
/// </summary>
[Config(typeof(Config))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PollCycleBenchmarks
{
    public const int FeedCount = 1000;
    public const int ItemsPerFeed = 50;
    public const int Hosts = 8;

    private const string Full = "full cycle";
    private const string NotModified = "all-304 cycle";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private FeedServerProcess server = null!;
    private TempDirectory? temp;
    private ServiceProvider? services;
    private string current = "";

    [GlobalSetup]
    public void StartServer()
    {
        server = FeedServerProcess.Start(FeedCount, ItemsPerFeed, Hosts, clock.GetUtcNow());
        PeakMemory.ServerProcessorTime = () => server.ProcessorTime;
    }

    [GlobalCleanup]
    public void StopServer()
    {
        PeakMemory.Report(current);
        server.Dispose();
    }

    [IterationSetup(Targets = [nameof(FullSequential), nameof(FullConcurrent)])]
    public void EmptyStore()
    {
        NewStore();
        PeakMemory.Reset();
    }

    [IterationSetup(Targets = [nameof(NotModifiedSequential), nameof(NotModifiedConcurrent)])]
    public void PolledStore()
    {
        NewStore();
        var articles = Cycle(DefaultConcurrency);
        if (articles < FeedCount * ItemsPerFeed * 0.9)
        {
            throw new InvalidOperationException($"the first cycle stored only {articles} articles");
        }

        clock.Advance(TimeSpan.FromDays(1));
        PeakMemory.Reset();
    }

    [IterationCleanup]
    public void DropStore()
    {
        PeakMemory.Record();
        services?.Dispose();
        temp?.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Full)]
    public int FullSequential() => Measured(nameof(FullSequential), 1);

    [Benchmark]
    [BenchmarkCategory(Full)]
    public int FullConcurrent() => Measured(nameof(FullConcurrent), DefaultConcurrency);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(NotModified)]
    public int NotModifiedSequential() => Measured(nameof(NotModifiedSequential), 1);

    [Benchmark]
    [BenchmarkCategory(NotModified)]
    public int NotModifiedConcurrent() => Measured(nameof(NotModifiedConcurrent), DefaultConcurrency);

    private int Measured(string name, int concurrency)
    {
        current = name;
        return Cycle(concurrency);
    }

    /// <summary>Stage 1 and stage 2 of a cycle, as CycleRunner runs them; returns the new articles.</summary>
    private int Cycle(int concurrency)
    {
        var poll = Get<PollFeedHandler>();
        var added = 0;
        var failed = 0;
        Get<SchedulePollsHandler>().ScheduleDueAsync(default).GetAwaiter().GetResult();
        Get<QueueProcessor>().DrainAsync(
            QueueNames.FeedPolls,
            async (id, ct) =>
            {
                var outcome = await poll.HandleAsync(id, ct);
                Interlocked.Add(ref added, outcome.NewArticles);
                Interlocked.Add(ref failed, outcome.Status == PollStatus.Failed ? 1 : 0);
            },
            concurrency,
            default).GetAwaiter().GetResult();
        return failed == 0 ? added : throw new InvalidOperationException($"{failed} feeds failed");
    }

    private void NewStore()
    {
        temp = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = temp.Path,
            ["Feeds:AllowedNetworks:0"] = "127.0.0.0/8",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddNewsMonitor(configuration);
        services = collection.BuildServiceProvider();
        var feeds = Get<IFeedStore>();
        for (var feed = 0; feed < FeedCount; feed++)
        {
            var url = server.UrlOf(feed).AbsoluteUri;
            feeds.UpsertFeedAsync(new FeedSource { Id = ArticleIdentity.ForFeed(url), Url = url }).GetAwaiter().GetResult();
        }
    }

    private T Get<T>()
        where T : notnull => services!.GetRequiredService<T>();

    /// <summary>The default Feeds:MaxConcurrency, as CycleRunner uses it.</summary>
    private int DefaultConcurrency => Get<IOptions<FeedFetchOptions>>().Value.MaxConcurrency;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // Each iteration is one whole cycle of a few seconds: no unrolling, few iterations, one launch. Six warm-up
            // cycles: the runtime keeps recompiling hot code (tiered, profile-guided) through the first four or five
            // (CycleLoop shows each cycle apart), and a monitor that runs for days is measured after them.
            // The garbage collector settings of Monitor.Server, stated for the process BenchmarkDotNet generates.
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(5)
                .WithInvocationCount(1).WithUnrollFactor(1)
                .WithGcServer(true).WithEnvironmentVariables(new EnvironmentVariable("DOTNET_GCLOHThreshold", "0x80000")));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(PollCycleColumn.FeedsPerSecond, PollCycleColumn.ItemsPerSecond, PollCycleColumn.PeakWorkingSet, PollCycleColumn.CpuTime, PollCycleColumn.ServerCpuTime);
        }
    }
}
