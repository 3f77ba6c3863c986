using System.Globalization;
using System.Text;
using NewsMonitor.Matching;

namespace NewsMonitor.Tests.WatchlistQuality;

/// <summary>How one term did on the evaluation set: the articles it matched wrongly and those it missed.</summary>
internal sealed record TermScore(string TermId, int TruePositives, IReadOnlyList<string> FalsePositives, IReadOnlyList<string> FalseNegatives)
{
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives.Count);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives.Count);

    /// <summary>Matches every article once with the whole watchlist and scores each term against the labels.</summary>
    public static IReadOnlyList<TermScore> Measure(CompiledWatchlist watchlist, IEnumerable<string> termIds, EvaluationSet set)
    {
        var matched = set.Articles.ToDictionary(
            article => article.Id,
            article => watchlist.Match(article.Text).Select(match => match.TermId).ToHashSet(StringComparer.Ordinal));
        return [.. termIds.Select(term => new TermScore(
            term,
            set.Articles.Count(a => a.Labels.Contains(term) && matched[a.Id].Contains(term)),
            [.. set.Articles.Where(a => !a.Labels.Contains(term) && matched[a.Id].Contains(term)).Select(a => a.Id)],
            [.. set.Articles.Where(a => a.Labels.Contains(term) && !matched[a.Id].Contains(term)).Select(a => a.Id)]))];
    }

    public static string Table(IEnumerable<TermScore> scores)
    {
        var text = new StringBuilder();
        text.AppendLine("term          TP   FP   FN  precision  recall");
        foreach (var score in scores)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{score.TermId,-12} {score.TruePositives,3} {score.FalsePositives.Count,4} {score.FalseNegatives.Count,4}  {score.Precision,9:0.000}  {score.Recall,6:0.000}");
        }

        foreach (var score in scores.Where(s => s.FalsePositives.Count + s.FalseNegatives.Count > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{score.TermId}: false positives [{string.Join(", ", score.FalsePositives)}], missed [{string.Join(", ", score.FalseNegatives)}]");
        }

        return text.ToString();
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}
