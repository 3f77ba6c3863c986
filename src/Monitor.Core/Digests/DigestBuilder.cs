using System.Globalization;
using System.Text;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// Turns a subscriber's matched articles into a digest: one entry per story (articles sharing a story key),
/// newest first, under the first of its terms in watchlist order, capped, with a subject that says what is inside.
/// </summary>
public static class DigestBuilder
{
    public const int DefaultMaxArticles = 50;

    /// <summary>Terms named in the subject before it ends with "…"; a subject is read in a list, not in full.</summary>
    private const int SubjectTerms = 4;

    /// <summary>A headline used as the subject is cut here: a feed's title can be any length.</summary>
    private const int MaxHeadline = 150;

    public static Digest Build(Subscriber subscriber, IReadOnlyList<DigestItem> items, IReadOnlyList<WatchTerm> watchlistOrder, int maxArticles = DefaultMaxArticles)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in watchlistOrder)
        {
            order.TryAdd(term.Id, order.Count);
        }

        int Rank(WatchTerm t) => order.TryGetValue(t.Id, out var i) ? i : int.MaxValue;

        var newest = Stories(items, Rank)
            .OrderByDescending(i => i.SortTime)
            .ThenBy(i => i.Article.Id, StringComparer.Ordinal)
            .ToList();
        var shown = newest.Take(Math.Max(1, maxArticles)).ToList();
        var sections = Sections(shown, Rank);
        return new Digest(subscriber, Subject(newest, Rank, DigestWording.For(subscriber)), sections, newest.Count, newest.Count - shown.Count);
    }

    /// <summary>
    /// The subject counts what the body shows: each story once, under its heading (the first of its terms in
    /// watchlist order), for example "3 new: AI Act (2), Mistral (1)"; a single story is announced by its headline.
    /// Never a line break or control character.
    /// </summary>
    public static string Subject(IReadOnlyList<DigestItem> stories, Func<WatchTerm, int> rank, DigestWording words)
    {
        if (stories.Count == 1)
        {
            return MailText.OneLine(stories[0].Article.Title) is { Length: > 0 } headline
                ? (headline.Length <= MaxHeadline ? headline : headline[..MaxHeadline].TrimEnd() + "…")
                : MailText.OneLine(words.NewCount(1, stories[0].Terms[0].Name));
        }

        var perHeading = Sections(stories, rank)
            .OrderByDescending(s => s.Items.Count)
            .ThenBy(s => rank(s.Term))
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{MailText.OneLine(s.Term.Name)} ({s.Items.Count})"))
            .ToList();
        var named = string.Join(", ", perHeading.Take(SubjectTerms)) + (perHeading.Count > SubjectTerms ? ", …" : "");
        return MailText.OneLine(words.NewCount(stories.Count, named));
    }

    private static List<DigestSection> Sections(IEnumerable<DigestItem> stories, Func<WatchTerm, int> rank) =>
        stories
            .GroupBy(i => i.Terms[0].Id, StringComparer.Ordinal)
            .Select(g => new DigestSection(g.First().Terms[0], g.ToList()))
            .OrderBy(s => rank(s.Term))
            .ToList();

    /// <summary>
    /// Articles with the same non-null story key become one story: the first report leads (the outlet that had
    /// it first), the others are "also reported by", and the story carries every term any of them matched.
    /// </summary>
    private static IEnumerable<DigestItem> Stories(IReadOnlyList<DigestItem> items, Func<WatchTerm, int> rank)
    {
        foreach (var group in items.GroupBy(i => i.Article.StoryKey ?? "\0" + i.Article.Id, StringComparer.Ordinal))
        {
            var reports = group.OrderBy(i => DigestItem.TimeOf(i.Article)).ThenBy(i => i.Article.Id, StringComparer.Ordinal).ToList();
            var lead = reports[0];
            var terms = reports.SelectMany(r => r.Terms).DistinctBy(t => t.Id, StringComparer.Ordinal).OrderBy(rank).ToList();
            if (terms.Count == 0)
            {
                continue;
            }

            yield return lead with
            {
                Terms = terms,
                AlsoReportedBy = [.. lead.AlsoReportedBy, .. reports.Skip(1).Select(r => r.Article)],
            };
        }
    }
}

/// <summary>Text that goes into one-line places (subject, headings): no line breaks, no control characters.</summary>
public static class MailText
{
    public static string OneLine(string text) => new StringBuilder(text.Length).AppendOneLine(text).ToString();

    /// <summary>Appends <paramref name="text"/> with every run of spaces, line breaks and control characters made one space, trimmed.</summary>
    public static StringBuilder AppendOneLine(this StringBuilder builder, string text) => builder.AppendOneLine(text.AsSpan());

    public static StringBuilder AppendOneLine(this StringBuilder builder, ReadOnlySpan<char> text)
    {
        var start = builder.Length;
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisibleFormatting(c))
            {
                space = builder.Length > start;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder;
    }

    /// <summary>Bidirectional overrides and isolates can make a subject read backwards; line and paragraph separators break lines.</summary>
    private static bool IsInvisibleFormatting(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029' or '\u200E' or '\u200F';
}
