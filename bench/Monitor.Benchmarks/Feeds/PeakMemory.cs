using System.Diagnostics;
using System.Globalization;

namespace NewsMonitor.Benchmarks.Feeds;

/// <summary>
/// What the measured work cost the process, beyond its wall time: the peak resident set (on Linux the kernel's
/// high-water mark, VmHWM, reset before each iteration through /proc/self/clear_refs and read after it;
/// elsewhere the process's peak working set) and the CPU time, which other processes on a shared machine do
/// not inflate the way they inflate wall time.
/// </summary>
internal static class PeakMemory
{
    private static long peakBytes;
    private static TimeSpan cpuAtStart;
    private static TimeSpan cpuTotal;
    private static TimeSpan serverCpuAtStart;
    private static TimeSpan serverCpuTotal;
    private static int iterations;
    private static bool warmedUp;

    /// <summary>The feed server's CPU time so far, when it runs in a process of its own.</summary>
    public static Func<TimeSpan> ServerProcessorTime { get; set; } = () => TimeSpan.Zero;

    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (OperatingSystem.IsLinux())
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }

        cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        serverCpuAtStart = ServerProcessorTime();
    }

    public static void Record()
    {
        // The first iteration is the warm-up (just-in-time compilation); CPU time counts the measured ones.
        if (warmedUp)
        {
            cpuTotal += Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
            serverCpuTotal += ServerProcessorTime() - serverCpuAtStart;
            iterations++;
        }

        warmedUp = true;
        var bytes = OperatingSystem.IsLinux() ? HighWaterMark() : Process.GetCurrentProcess().PeakWorkingSet64;
        peakBytes = Math.Max(peakBytes, bytes);
    }

    /// <summary>Prints the peak, for the log, and keeps it in a file the summary column reads.</summary>
    public static void Report(string benchmark)
    {
        var megabytes = peakBytes / (1024.0 * 1024.0);
        var cpu = iterations == 0 ? 0 : cpuTotal.TotalSeconds / iterations;
        var serverCpu = iterations == 0 ? 0 : serverCpuTotal.TotalSeconds / iterations;
        Console.WriteLine($"// peak working set of {benchmark}: {megabytes:0} MB; CPU per iteration: {cpu:0.00} s (feed server: {serverCpu:0.00} s)");
        Directory.CreateDirectory(Folder);
        File.WriteAllText(FileOf(benchmark, "peak"), megabytes.ToString("0", CultureInfo.InvariantCulture) + " MB");
        File.WriteAllText(FileOf(benchmark, "cpu"), cpu.ToString("0.00", CultureInfo.InvariantCulture) + " s");
        File.WriteAllText(FileOf(benchmark, "server-cpu"), serverCpu.ToString("0.00", CultureInfo.InvariantCulture) + " s");
        peakBytes = 0;
        cpuTotal = TimeSpan.Zero;
        serverCpuTotal = TimeSpan.Zero;
        iterations = 0;
        warmedUp = false;
    }

    public static string? Read(string benchmark, string what) => File.Exists(FileOf(benchmark, what)) ? File.ReadAllText(FileOf(benchmark, what)) : null;

    private static string Folder => Path.Combine(Path.GetTempPath(), "newsmonitor-bench");

    private static string FileOf(string benchmark, string what) => Path.Combine(Folder, $"{what}-{benchmark}.txt");

    private static long HighWaterMark()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
