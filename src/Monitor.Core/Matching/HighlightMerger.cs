using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>Orders highlight spans and merges the ones that overlap, so each character is marked once.</summary>
internal static class HighlightMerger
{
    public static HighlightSpan[] Merge(List<HighlightSpan> spans)
    {
        spans.Sort(static (x, y) => x.Field != y.Field ? x.Field.CompareTo(y.Field) : x.Start.CompareTo(y.Start));
        var merged = new List<HighlightSpan>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && merged[^1] is var last && last.Field == span.Field && span.Start < last.Start + last.Length)
            {
                var end = Math.Max(last.Start + last.Length, span.Start + span.Length);
                merged[^1] = last with { Length = end - last.Start };
            }
            else
            {
                merged.Add(span);
            }
        }

        return [.. merged];
    }
}
