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

BenchmarkSwitcher.FromAssembly(typeof(MatchingBenchmarks).Assembly).Run(args);
return 0;
