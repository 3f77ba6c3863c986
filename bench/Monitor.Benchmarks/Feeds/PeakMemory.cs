using System.Diagnostics;
using System.Globalization;

namespace NewsMonitor.Benchmarks.Feeds;

/// <summary>
/// The peak resident set of the measured work only: on Linux the kernel's high-water mark (VmHWM) is reset
/// before each iteration (/proc/self/clear_refs) and read after it; elsewhere the process's peak working set.
/// </summary>
internal static class PeakMemory
{
    private static long peakBytes;

    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (OperatingSystem.IsLinux())
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
    }

    public static void Record()
    {
        var bytes = OperatingSystem.IsLinux() ? HighWaterMark() : Process.GetCurrentProcess().PeakWorkingSet64;
        peakBytes = Math.Max(peakBytes, bytes);
    }

    /// <summary>Prints the peak, for the log, and keeps it in a file the summary column reads.</summary>
    public static void Report(string benchmark)
    {
        var megabytes = peakBytes / (1024.0 * 1024.0);
        Console.WriteLine($"// peak working set of {benchmark}: {megabytes:0} MB");
        Directory.CreateDirectory(Folder);
        File.WriteAllText(FileOf(benchmark), megabytes.ToString("0", CultureInfo.InvariantCulture));
        peakBytes = 0;
    }

    public static string? Read(string benchmark) => File.Exists(FileOf(benchmark)) ? File.ReadAllText(FileOf(benchmark)) + " MB" : null;

    private static string Folder => Path.Combine(Path.GetTempPath(), "newsmonitor-bench");

    private static string FileOf(string benchmark) => Path.Combine(Folder, $"peak-{benchmark}.txt");

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
