using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NewsMonitor.Benchmarks.Matching;

/// <summary>MB/s (UTF-8 bytes of title + summary + content) or articles/s, from the median time of one pass over the corpus.</summary>
internal sealed class ThroughputColumn(bool articles) : IColumn
{
    public string Id => articles ? "ArticlesPerSecond" : "MegabytesPerSecond";

    public string ColumnName => articles ? "Articles/s" : "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => articles ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => articles
        ? "Articles matched per second on one core (from the median)"
        : "Megabytes (10^6 UTF-8 bytes of article text) matched per second on one core (from the median)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (median is not > 0)
        {
            return "-";
        }

        var seconds = median.Value / 1e9;
        var value = articles ? MatchingCorpus.ArticleCount / seconds : MatchingCorpus.Utf8Bytes / 1e6 / seconds;
        return value.ToString(value < 10 ? "N2" : "N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
