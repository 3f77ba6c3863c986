using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NewsMonitor.Benchmarks.Feeds;

/// <summary>Feeds per second, items per second (from the mean time of one cycle) and the peak working set.</summary>
internal sealed class PollCycleColumn(string name, Func<Summary, BenchmarkCase, string?> value) : IColumn
{
    public static readonly IColumn FeedsPerSecond = new PollCycleColumn("feeds/s", (s, b) => Rate(s, b, PollCycleBenchmarks.FeedCount));
    public static readonly IColumn ItemsPerSecond = new PollCycleColumn("items/s", (s, b) => Rate(s, b, PollCycleBenchmarks.FeedCount * PollCycleBenchmarks.ItemsPerFeed));
    public static readonly IColumn PeakWorkingSet = new PollCycleColumn("peak WS", (_, b) => PeakMemory.Read(b.Descriptor.WorkloadMethod.Name, "peak"));
    public static readonly IColumn CpuTime = new PollCycleColumn("CPU/cycle", (_, b) => PeakMemory.Read(b.Descriptor.WorkloadMethod.Name, "cpu"));
    public static readonly IColumn ServerCpuTime = new PollCycleColumn("server CPU", (_, b) => PeakMemory.Read(b.Descriptor.WorkloadMethod.Name, "server-cpu"));

    public string Id => "NewsMonitor." + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => name switch
    {
        "peak WS" => "peak resident memory of the monitor's process during the measured iterations (the feed server runs in another)",
        "CPU/cycle" => "CPU time of the monitor's process (all threads) per measured iteration",
        "server CPU" => "CPU time of the feed server's process per measured iteration (on the same two cores)",
        _ => $"{name} over one cycle of {PollCycleBenchmarks.FeedCount} feeds × {PollCycleBenchmarks.ItemsPerFeed} items, from the mean",
    };

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => value(summary, benchmarkCase) ?? "?";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static string? Rate(Summary summary, BenchmarkCase benchmarkCase, int count) =>
        summary[benchmarkCase]?.ResultStatistics?.Mean is { } nanoseconds
            ? (count / (nanoseconds / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
            : null;
}
