using System.Text;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>Groups a subscriber's matches by term, newest first, capped, with a subject that says what is inside.</summary>
public static class DigestBuilder
{
    public const int DefaultMaxArticles = 50;

    public static Digest Build(Subscriber subscriber, IReadOnlyList<DigestItem> items, IReadOnlyList<WatchTerm> watchlistOrder, int maxArticles = DefaultMaxArticles)
    {
        var order = watchlistOrder.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        int Rank(WatchTerm t) => order.TryGetValue(t.Id, out var i) ? i : int.MaxValue;

        var newest = items.OrderByDescending(i => i.SortTime).ToList();
        var shown = newest.Take(maxArticles).ToList();
        var sections = shown
            .GroupBy(i => i.Terms.OrderBy(Rank).First())
            .OrderBy(g => Rank(g.Key))
            .Select(g => new DigestSection(g.Key, g.ToList()))
            .ToList();
        return new Digest(subscriber, Subject(newest, Rank), sections, newest.Count, newest.Count - shown.Count);
    }

    /// <summary>For example "3 new: AI Act (2), Mistral (1)"; never a line break or control character.</summary>
    public static string Subject(IReadOnlyList<DigestItem> items, Func<WatchTerm, int> rank)
    {
        var perTerm = items.SelectMany(i => i.Terms)
            .GroupBy(t => t.Id)
            .Select(g => (Term: g.First(), Count: g.Count()))
            .OrderByDescending(p => p.Count)
            .ThenBy(p => rank(p.Term))
            .Select(p => $"{p.Term.Name} ({p.Count})");
        return Clean($"{items.Count} new: {string.Join(", ", perTerm)}");
    }

    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
