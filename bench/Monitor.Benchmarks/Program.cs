using BenchmarkDotNet.Running;
using NewsMonitor.Benchmarks.Matching;

if (args is ["--agreement"])
{
    // Not a benchmark: checks that the baseline answers like the compiled watchlist, so that the
    // comparison is between two implementations of the same thing.
    BaselineAgreement.Print(Console.Out);
    return 0;
}

if (args is ["--interleaved", ..])
{
    // Not BenchmarkDotNet either: for a shared machine, where load comes and goes between cases.
    InterleavedRun.Print(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40);
    return 0;
}

if (args is [NewsMonitor.Benchmarks.Feeds.FeedServerProcess.Verb, ..])
{
    // The poll-cycle benchmark's feed server, started by the benchmark as a child process.
    return await NewsMonitor.Benchmarks.Feeds.FeedServerProcess.ServeAsync(args);
}

if (args is ["--stages", ..])
{
    // CPU and allocation of each in-memory stage of a poll, per feed.
    NewsMonitor.Benchmarks.Feeds.StageCosts.Print(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
    return 0;
}

if (args is ["--match-stage", ..])
{
    // The match stage's overhead per article beyond the matcher, in batches and one article per message.
    NewsMonitor.Benchmarks.Feeds.MatchStageCost.Print(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100);
    return 0;
}

if (args is ["--cycles", ..])
{
    // Full poll cycles in a plain loop, to run under a profiler.
    NewsMonitor.Benchmarks.Feeds.CycleLoop.Print(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(MatchingBenchmarks).Assembly).Run(args);
return 0;
