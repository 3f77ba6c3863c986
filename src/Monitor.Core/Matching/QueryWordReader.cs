using System.Collections.Immutable;

namespace NewsMonitor.Matching;

/// <summary>
/// Turns the text of a word or phrase token into normalised query words, normalised exactly as
/// article text is, with '*' marking a prefix; registers each in the <see cref="WordIndex"/>.
/// </summary>
internal sealed class QueryWordReader(bool matchCase, WordIndex index)
{
    private readonly char[] buffer = new char[QueryLimits.MaxWordLength];
    private int wordCount;

    public ImmutableArray<QueryWord> Read(QueryToken token)
    {
        var text = token.Text;
        var found = ImmutableArray.CreateBuilder<(string Text, int Start, int End)>();
        var scanner = new WordScanner(text, buffer);
        while (scanner.MoveNext())
        {
            if (scanner.Truncated)
            {
                throw new QueryParseException(
                    "word too long", token.TextPosition + scanner.Start,
                    $"at most {QueryLimits.MaxWordLength} characters", $"{scanner.End - scanner.Start} characters");
            }

            var word = scanner.Word;
            found.Add((matchCase ? word.ToString() : Fold(word), scanner.Start, scanner.End));
        }

        if (found.Count == 0)
        {
            throw token.Kind == QueryTokenKind.Phrase
                ? new QueryParseException("empty phrase", token.Position, "a word between the quotes", token.Describe())
                : new QueryParseException("not a word", token.Position, "a word (letters or digits)", token.Describe());
        }

        var prefixes = FindPrefixes(token, found);
        var words = ImmutableArray.CreateBuilder<QueryWord>(found.Count);
        for (var i = 0; i < found.Count; i++)
        {
            if (++wordCount > QueryLimits.MaxWordsPerQuery)
            {
                throw new QueryParseException(
                    "too many words", token.TextPosition + found[i].Start,
                    $"at most {QueryLimits.MaxWordsPerQuery} words", $"word {wordCount}");
            }

            var wordText = found[i].Text;
            var key = prefixes[i] ? index.AddPrefix(wordText, matchCase) : index.AddWord(wordText, matchCase);
            words.Add(new QueryWord(wordText, prefixes[i], key));
        }

        return words.MoveToImmutable();
    }

    /// <summary>Which words end with '*'; a '*' anywhere else is an error.</summary>
    private static bool[] FindPrefixes(QueryToken token, ImmutableArray<(string Text, int Start, int End)>.Builder found)
    {
        var text = token.Text;
        var prefixes = new bool[found.Count];
        for (var star = text.IndexOf('*'); star >= 0; star = text.IndexOf('*', star + 1))
        {
            var word = -1;
            for (var i = 0; i < found.Count && word < 0; i++)
            {
                word = found[i].End == star ? i : -1;
            }

            if (word < 0)
            {
                throw new QueryParseException(
                    "misplaced '*'", token.TextPosition + star, "'*' right after the letters of a word", "'*'");
            }

            if (word + 1 < found.Count && found[word + 1].Start == star + 1)
            {
                throw new QueryParseException(
                    "misplaced '*'", token.TextPosition + star + 1, "'*' at the end of a word", $"'{text[star + 1]}'");
            }

            prefixes[word] = true;
        }

        return prefixes;
    }

    private static string Fold(ReadOnlySpan<char> word)
    {
        Span<char> folded = stackalloc char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            folded[i] = CharFolding.Lower(word[i]);
        }

        return folded.ToString();
    }
}
