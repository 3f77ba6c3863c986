using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>A piece of text split into runs, some of them highlighted (the words that matched).</summary>
public sealed record Snippet(IReadOnlyList<(string Text, bool Highlighted)> Runs)
{
    public const int DefaultLength = 280;

    public static Snippet Of(string text, IEnumerable<HighlightSpan> spans, ArticleField field) =>
        Window(text, InField(spans, field, text.Length), int.MaxValue);

    /// <summary>The plain text of the runs, highlighted or not.</summary>
    public string Text => string.Concat(Runs.Select(r => r.Text));

    /// <summary>About <paramref name="length"/> characters of the summary (or content) around the first match.</summary>
    public static Snippet Around(Article article, IReadOnlyList<HighlightSpan> spans, int length = DefaultLength)
    {
        foreach (var field in new[] { ArticleField.Summary, ArticleField.Content })
        {
            var text = field == ArticleField.Summary ? article.Summary : article.Content;
            var inField = InField(spans, field, text.Length);
            if (inField.Count > 0)
            {
                return Window(text, inField, length);
            }
        }

        var fallback = article.Summary.Length > 0 ? article.Summary : article.Content;
        return Window(fallback, [], length);
    }

    /// <summary>
    /// The spans of one field in order, clipped to the text and merged where they overlap: two terms can
    /// highlight overlapping words, and each character is shown highlighted once.
    /// </summary>
    private static List<HighlightSpan> InField(IEnumerable<HighlightSpan> spans, ArticleField field, int textLength)
    {
        var merged = new List<HighlightSpan>();
        foreach (var span in spans.Where(s => s.Field == field && s.Length > 0 && s.Start >= 0 && s.Start < textLength).OrderBy(s => s.Start))
        {
            var end = Math.Min(textLength, span.Start + span.Length);
            if (merged.Count > 0 && merged[^1] is var last && span.Start <= last.Start + last.Length)
            {
                merged[^1] = last with { Length = Math.Max(last.Start + last.Length, end) - last.Start };
            }
            else
            {
                merged.Add(span with { Length = end - span.Start });
            }
        }

        return merged;
    }

    private static Snippet Window(string text, IReadOnlyList<HighlightSpan> spans, int length)
    {
        var start = 0;
        if (text.Length > length && spans.Count > 0)
        {
            start = Math.Max(0, spans[0].Start - (length / 3));
            var space = text.LastIndexOf(' ', start);
            start = start == 0 || space < 0 ? start : space + 1;
        }

        var end = Math.Min(text.Length, start + length);
        if (end < text.Length && text.LastIndexOf(' ', end) is var cut && cut > start)
        {
            end = cut;
        }

        // Never cut an emoji or other character outside the basic plane in half.
        start += start > 0 && start < text.Length && char.IsLowSurrogate(text[start]) ? 1 : 0;
        end -= end > start && end < text.Length && char.IsLowSurrogate(text[end]) ? 1 : 0;

        var runs = new List<(string, bool)>();
        if (start > 0)
        {
            runs.Add(("… ", false));
        }

        var position = start;
        foreach (var span in spans)
        {
            var spanEnd = Math.Min(span.Start + span.Length, end);
            if (span.Start < position || span.Start >= end)
            {
                continue;
            }

            if (span.Start > position)
            {
                runs.Add((text[position..span.Start], false));
            }

            runs.Add((text[span.Start..spanEnd], true));
            position = spanEnd;
        }

        if (position < end)
        {
            runs.Add((text[position..end], false));
        }

        if (end < text.Length)
        {
            runs.Add((" …", false));
        }

        return new Snippet(runs);
    }
}
