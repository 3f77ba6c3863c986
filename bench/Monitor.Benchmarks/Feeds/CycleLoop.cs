using System.Diagnostics;
using System.Globalization;

namespace NewsMonitor.Benchmarks.Feeds;

/// <summary>
/// Full cycles one after another, outside BenchmarkDotNet, each timed (wall, CPU, garbage collection): the loop to
/// run under a profiler (perf, dotnet-trace) when looking for where a cycle's time goes, and to see the first cycle
/// of a process (just-in-time compilation included) apart from the later ones.
/// </summary>
internal static class CycleLoop
{
    public static void Print(TextWriter output, int cycles)
    {
        var benchmark = new PollCycleBenchmarks();
        benchmark.StartServer();
        try
        {
            for (var cycle = 0; cycle < cycles; cycle++)
            {
                benchmark.EmptyStore();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var serverCpu = PeakMemory.ServerProcessorTime();
                var pause = GC.GetTotalPauseDuration();
                var allocated = GC.GetTotalAllocatedBytes();
                int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                var contention = Monitor.LockContentionCount;
                var wall = Stopwatch.StartNew();
                var articles = benchmark.FullConcurrent();
                wall.Stop();
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                serverCpu = PeakMemory.ServerProcessorTime() - serverCpu;
                pause = GC.GetTotalPauseDuration() - pause;
                allocated = GC.GetTotalAllocatedBytes() - allocated;
                benchmark.DropStore();
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"cycle {cycle}: {articles} articles, {wall.Elapsed.TotalSeconds:0.00} s ({PollCycleBenchmarks.FeedCount / wall.Elapsed.TotalSeconds:0} feeds/s), CPU {cpu.TotalSeconds:0.00} s (feed server {serverCpu.TotalSeconds:0.00} s), GC paused {pause.TotalSeconds:0.00} s, allocated {allocated / 1e6:0} MB, lock waits {Monitor.LockContentionCount - contention}, collections {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]}"));
            }
        }
        finally
        {
            benchmark.StopServer();
        }
    }
}
