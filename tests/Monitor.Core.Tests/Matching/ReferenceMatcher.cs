using System.Globalization;
using System.Text;
using NewsMonitor.Matching;

namespace NewsMonitor.Tests.Matching;

/// <summary>
/// A slow, obviously correct evaluation of a parsed query, written independently of the compiled
/// matcher: whole-string NFKD, word lists, every pair of occurrences tried.
/// </summary>
internal static class ReferenceMatcher
{
    public static bool Matches(string query, bool matchCase, ArticleText article)
    {
        var root = QueryParser.Parse(query, matchCase, new WordIndex());
        string[][] fields = [Words(article.Title, matchCase), Words(article.Summary, matchCase), Words(article.Content, matchCase)];
        return Evaluate(root, fields);
    }

    public static string[] Words(string text, bool matchCase)
    {
        var runes = text.Normalize(NormalizationForm.FormKD).EnumerateRunes()
            .Where(rune => Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) && rune.Value != 0xAD)
            .ToList();
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (IsWordRune(rune))
            {
                word.Append(matchCase ? rune.ToString() : Rune.ToLowerInvariant(Rune.ToUpperInvariant(rune)).ToString());
            }
            else if (JoinsNumber(runes, i, word.ToString()))
            {
                word.Append((char)rune.Value);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }

    private static bool IsWordRune(Rune rune) =>
        rune.Value != 0x2BC && (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpacingCombiningMark);

    /// <summary>Digits, then groups of one separator and digits; a space only before exactly 3 digits, after at most 3.</summary>
    private static bool JoinsNumber(List<Rune> runes, int i, string word)
    {
        bool IsDigitAt(int at) => at < runes.Count && runes[at].Value is >= '0' and <= '9';
        if (word.Length == 0 || !char.IsAsciiDigit(word[^1]) || !word.All(c => char.IsAsciiDigit(c) || ",./' ".Contains(c))
            || runes[i].Value is not (',' or '.' or '/' or '\'' or ' ') || !IsDigitAt(i + 1))
        {
            return false;
        }

        var lastGroup = word.Length - 1 - word.LastIndexOfAny([',', '.', '/', '\'', ' ']);
        return runes[i].Value != ' '
            || (lastGroup <= 3 && IsDigitAt(i + 2) && IsDigitAt(i + 3) && (i + 4 == runes.Count || !IsWordRune(runes[i + 4])));
    }

    private static bool Evaluate(QueryNode node, string[][] fields) => node switch
    {
        SequenceNode or NearNode or NotNearNode => Occurrences(node, fields).Any(),
        AnyOfNode any => any.Operands.Any(operand => Evaluate(operand, fields)),
        AllOfNode all => all.Operands.All(operand => Evaluate(operand, fields)),
        NotNode not => !Evaluate(not.Operand, fields),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static IEnumerable<(int Field, int Start, int End)> Occurrences(QueryNode node, string[][] fields)
    {
        switch (node)
        {
            case AnyOfNode any:
                return any.Operands.SelectMany(operand => Occurrences(operand, fields));
            case NearNode near:
                return from a in Occurrences(near.Left, fields)
                       from b in Occurrences(near.Right, fields)
                       where a.Field == b.Field && WordsBetween(a, b) is var between && between >= 0 && between <= near.Distance
                       select (a.Field, Math.Min(a.Start, b.Start), Math.Max(a.End, b.End));
            case NotNearNode notNear:
                // An excluded occurrence that overlaps counts as within reach (WordsBetween is negative).
                return from a in Occurrences(notNear.Include, fields)
                       where !Occurrences(notNear.Exclude, fields).Any(b => b.Field == a.Field && WordsBetween(a, b) <= notNear.Distance)
                       select a;
            default:
                var words = ((SequenceNode)node).Words;
                return from field in Enumerable.Range(0, fields.Length)
                       from start in Enumerable.Range(0, fields[field].Length)
                       where start + words.Length <= fields[field].Length
                           && Enumerable.Range(0, words.Length).All(i => Satisfies(fields[field][start + i], words[i]))
                       select (field, start, start + words.Length - 1);
        }
    }

    private static int WordsBetween((int Field, int Start, int End) a, (int Field, int Start, int End) b) =>
        b.Start > a.End ? b.Start - a.End - 1 : a.Start > b.End ? a.Start - b.End - 1 : -1;

    private static bool Satisfies(string word, QueryWord query) =>
        query.IsPrefix ? word.StartsWith(query.Text, StringComparison.Ordinal)
        : query.IsFuzzy ? EditDistance(word, query.Text) <= 1
        : word == query.Text;

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions, adjacent transpositions.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            for (var j = 0; j <= b.Length; j++)
            {
                d[i, j] = i == 0 ? j : j == 0 ? i : Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
