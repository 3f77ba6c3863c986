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
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.Normalize(NormalizationForm.FormKD).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark || rune.Value == 0xAD)
            {
                continue;
            }

            if (rune.Value != 0x2BC && (Rune.IsLetterOrDigit(rune) || category == UnicodeCategory.SpacingCombiningMark))
            {
                word.Append(matchCase ? rune.ToString() : Rune.ToLowerInvariant(Rune.ToUpperInvariant(rune)).ToString());
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

    private static bool Evaluate(QueryNode node, string[][] fields) => node switch
    {
        SequenceNode sequence => Occurrences(sequence, fields).Any(),
        AnyOfNode any => any.Operands.Any(operand => Evaluate(operand, fields)),
        AllOfNode all => all.Operands.All(operand => Evaluate(operand, fields)),
        NotNode not => !Evaluate(not.Operand, fields),
        NearNode near => Occurrences(near.Left, fields).Any(a => Occurrences(near.Right, fields).Any(b =>
            a.Field == b.Field && (b.Start > a.End ? b.Start - a.End - 1 : a.Start - b.End - 1) is >= 0 and var between && between <= near.Distance)),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static IEnumerable<(int Field, int Start, int End)> Occurrences(QueryNode node, string[][] fields)
    {
        if (node is AnyOfNode any)
        {
            return any.Operands.SelectMany(operand => Occurrences(operand, fields));
        }

        var words = ((SequenceNode)node).Words;
        return from field in Enumerable.Range(0, fields.Length)
               from start in Enumerable.Range(0, fields[field].Length)
               where start + words.Length <= fields[field].Length
                   && Enumerable.Range(0, words.Length).All(i => Satisfies(fields[field][start + i], words[i]))
               select (field, start, start + words.Length - 1);
    }

    private static bool Satisfies(string word, QueryWord query) =>
        query.IsPrefix ? word.StartsWith(query.Text, StringComparison.Ordinal) : word == query.Text;
}
