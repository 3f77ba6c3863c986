using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>One piece of a snippet: characters [Start, Start + Length) of the source text, highlighted or not.</summary>
public readonly record struct SnippetSegment(int Start, int Length, bool Highlighted);

/// <summary>
/// A window of an article's text split into segments, some highlighted (the words that matched), with "…" where
/// the window cuts the text. Segments point into the source text, so rendering copies characters once, into the
/// message, instead of through substrings.
/// </summary>
public sealed class Snippet
{
    public const int DefaultLength = 280;
    private const string Before = "… ";
    private const string After = " …";

    private Snippet(string source, List<SnippetSegment> segments, bool cutBefore, bool cutAfter)
    {
        Source = source;
        Segments = segments;
        CutBefore = cutBefore;
        CutAfter = cutAfter;
    }

    public string Source { get; }

    public IReadOnlyList<SnippetSegment> Segments { get; }

    /// <summary>The window starts after the start of the text (shown as a leading "… ").</summary>
    public bool CutBefore { get; }

    /// <summary>The window ends before the end of the text (shown as a trailing " …").</summary>
    public bool CutAfter { get; }

    /// <summary>The snippet as text runs, ellipses included: what a reader sees, highlighted or not.</summary>
    public IReadOnlyList<(string Text, bool Highlighted)> Runs =>
        [
            .. CutBefore ? [(Before, false)] : Array.Empty<(string, bool)>(),
            .. Segments.Select(s => (Source.Substring(s.Start, s.Length), s.Highlighted)),
            .. CutAfter ? [(After, false)] : Array.Empty<(string, bool)>(),
        ];

    /// <summary>The plain text of the runs, highlighted or not.</summary>
    public string Text => string.Concat(Runs.Select(r => r.Text));

    /// <summary>The window of the source text, from the first segment to the last, highlighted or not.</summary>
    public ReadOnlySpan<char> Window =>
        Segments.Count == 0 ? default : Source.AsSpan(Segments[0].Start, Segments[^1].Start + Segments[^1].Length - Segments[0].Start);

    /// <summary>Calls <paramref name="write"/> for each run in order, ellipses included, without copying the text.</summary>
    public void Write<TState>(TState state, Action<TState, ReadOnlySpan<char>, bool> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (CutBefore)
        {
            write(state, Before, false);
        }

        foreach (var segment in Segments)
        {
            write(state, Source.AsSpan(segment.Start, segment.Length), segment.Highlighted);
        }

        if (CutAfter)
        {
            write(state, After, false);
        }
    }

    /// <summary>The whole of one field (a title), its matched words highlighted.</summary>
    public static Snippet Of(string text, IEnumerable<HighlightSpan> spans, ArticleField field) =>
        Cut(text, InField(spans, field, text.Length), int.MaxValue);

    /// <summary>About <paramref name="length"/> characters of the summary (or content) around the first match.</summary>
    public static Snippet Around(Article article, IReadOnlyList<HighlightSpan> spans, int length = DefaultLength)
    {
        var inSummary = InField(spans, ArticleField.Summary, article.Summary.Length);
        if (inSummary.Count > 0)
        {
            return Cut(article.Summary, inSummary, length);
        }

        var inContent = InField(spans, ArticleField.Content, article.Content.Length);
        if (inContent.Count > 0)
        {
            return Cut(article.Content, inContent, length);
        }

        return Cut(article.Summary.Length > 0 ? article.Summary : article.Content, [], length);
    }

    /// <summary>
    /// The spans of one field in order, clipped to the text and merged where they overlap: two terms can
    /// highlight overlapping words, and each character is shown highlighted once.
    /// </summary>
    private static List<HighlightSpan> InField(IEnumerable<HighlightSpan> spans, ArticleField field, int textLength)
    {
        var inField = new List<HighlightSpan>();
        foreach (var span in spans)
        {
            if (span.Field == field && span.Length > 0 && span.Start >= 0 && span.Start < textLength)
            {
                inField.Add(span);
            }
        }

        inField.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = 0;
        for (var i = 0; i < inField.Count; i++)
        {
            var span = inField[i];
            var end = Math.Min(textLength, span.Start + span.Length);
            if (merged > 0 && inField[merged - 1] is var last && span.Start <= last.Start + last.Length)
            {
                inField[merged - 1] = last with { Length = Math.Max(last.Start + last.Length, end) - last.Start };
            }
            else
            {
                inField[merged++] = span with { Length = end - span.Start };
            }
        }

        inField.RemoveRange(merged, inField.Count - merged);
        return inField;
    }

    private static Snippet Cut(string text, List<HighlightSpan> spans, int length)
    {
        var start = 0;
        if (text.Length > length && spans.Count > 0)
        {
            start = Math.Max(0, spans[0].Start - (length / 3));
            var space = text.LastIndexOf(' ', start);
            start = start == 0 || space < 0 ? start : space + 1;
        }

        var end = (int)Math.Min(text.Length, (long)start + length);
        if (end < text.Length && text.LastIndexOf(' ', end) is var cut && cut > start)
        {
            end = cut;
        }

        // Never cut an emoji or other character outside the basic plane in half.
        start += start > 0 && start < text.Length && char.IsLowSurrogate(text[start]) ? 1 : 0;
        end -= end > start && end < text.Length && char.IsLowSurrogate(text[end]) ? 1 : 0;

        var segments = new List<SnippetSegment>((spans.Count * 2) + 1);
        var position = start;
        foreach (var span in spans)
        {
            if (span.Start < position || span.Start >= end)
            {
                continue;
            }

            if (span.Start > position)
            {
                segments.Add(new SnippetSegment(position, span.Start - position, false));
            }

            var spanEnd = Math.Min(span.Start + span.Length, end);
            segments.Add(new SnippetSegment(span.Start, spanEnd - span.Start, true));
            position = spanEnd;
        }

        if (position < end)
        {
            segments.Add(new SnippetSegment(position, end - position, false));
        }

        return new Snippet(text, segments, start > 0, end < text.Length);
    }
}
