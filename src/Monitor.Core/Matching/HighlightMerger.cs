using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>Orders highlight spans and merges the ones that overlap, so each character is marked once.</summary>
internal static class HighlightMerger
{
    public static HighlightSpan[] Merge(List<HighlightSpan> spans)
    {
        if (!IsOrdered(spans))
        {
            spans.Sort(static (x, y) => x.Field != y.Field ? x.Field.CompareTo(y.Field) : x.Start.CompareTo(y.Start));
        }

        // Merges in place: spans[..kept] are the merged spans so far.
        var kept = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (kept > 0 && spans[kept - 1] is var last && last.Field == span.Field && span.Start < last.Start + last.Length)
            {
                var end = Math.Max(last.Start + last.Length, span.Start + span.Length);
                spans[kept - 1] = last with { Length = end - last.Start };
            }
            else
            {
                spans[kept++] = span;
            }
        }

        var merged = new HighlightSpan[kept];
        spans.CopyTo(0, merged, 0, kept);
        return merged;
    }

    private static bool IsOrdered(List<HighlightSpan> spans)
    {
        for (var i = 1; i < spans.Count; i++)
        {
            if (spans[i - 1].Field > spans[i].Field || (spans[i - 1].Field == spans[i].Field && spans[i - 1].Start > spans[i].Start))
            {
                return false;
            }
        }

        return true;
    }
}
