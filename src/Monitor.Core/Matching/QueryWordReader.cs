using System.Collections.Immutable;

namespace NewsMonitor.Matching;

/// <summary>
/// Turns the text of a word or phrase token into normalised query words, normalised exactly as
/// article text is, with '*' marking a prefix and '~' a fuzzy word; registers each in the <see cref="WordIndex"/>.
/// </summary>
internal sealed class QueryWordReader(bool matchCase, WordIndex index)
{
    private readonly char[] buffer = new char[QueryLimits.MaxWordLength];
    private readonly uint[] hashes = new uint[QueryLimits.MaxWordLength];
    private int wordCount;

    public ImmutableArray<QueryWord> Read(QueryToken token)
    {
        var text = token.Text;
        var collector = new WordCollector([]);
        WordSplitter.Split(text, !matchCase, buffer, hashes, ref collector);
        var found = collector.Words;
        if (found.Find(word => word.Truncated) is { Text: not null } tooLong)
        {
            throw new QueryParseException(
                "word too long", token.TextPosition + tooLong.Start,
                $"at most {QueryLimits.MaxWordLength} characters", $"{tooLong.End - tooLong.Start} characters");
        }

        if (found.Count == 0)
        {
            throw token.Kind == QueryTokenKind.Phrase
                ? new QueryParseException("empty phrase", token.Position, "a word between the quotes", token.Describe())
                : new QueryParseException("not a word", token.Position, "a word (letters or digits)", token.Describe());
        }

        var prefixes = FindMarked(token, found, '*');
        var fuzzy = FindMarked(token, found, '~');
        var words = ImmutableArray.CreateBuilder<QueryWord>(found.Count);
        for (var i = 0; i < found.Count; i++)
        {
            if (++wordCount > QueryLimits.MaxWordsPerQuery)
            {
                throw new QueryParseException(
                    "too many words", token.TextPosition + found[i].Start,
                    $"at most {QueryLimits.MaxWordsPerQuery} words and phrase words per query", $"word {wordCount}");
            }

            var wordText = found[i].Text;
            if (fuzzy[i] && wordText.Length < QueryLimits.MinFuzzyWordLength)
            {
                throw new QueryParseException(
                    "fuzzy word too short (one edit away from a short word is too many other words)", token.TextPosition + found[i].Start,
                    $"a word of at least {QueryLimits.MinFuzzyWordLength} letters before '~'", $"'{wordText}' ({wordText.Length} letters)");
            }

            var key = prefixes[i] ? index.AddPrefix(wordText, matchCase)
                : fuzzy[i] ? index.AddFuzzy(wordText, matchCase)
                : index.AddWord(wordText, matchCase);
            words.Add(new QueryWord(wordText, prefixes[i], key, char.IsUpper(token.Text[found[i].Start]), fuzzy[i]));
        }

        return words.MoveToImmutable();
    }

    /// <summary>Which words end with <paramref name="marker"/> ('*' or '~'); the marker anywhere else is an error.</summary>
    private static bool[] FindMarked(QueryToken token, List<FoundWord> found, char marker)
    {
        var text = token.Text;
        var marked = new bool[found.Count];
        for (var at = text.IndexOf(marker); at >= 0; at = text.IndexOf(marker, at + 1))
        {
            var word = -1;
            for (var i = 0; i < found.Count && word < 0; i++)
            {
                word = found[i].End == at ? i : -1;
            }

            if (word < 0)
            {
                throw new QueryParseException(
                    $"misplaced '{marker}'", token.TextPosition + at, $"'{marker}' right after the letters of a word", $"'{marker}'");
            }

            if (word + 1 < found.Count && found[word + 1].Start == at + 1)
            {
                throw new QueryParseException(
                    $"misplaced '{marker}'", token.TextPosition + at + 1, $"'{marker}' at the end of a word", $"'{text[at + 1]}'");
            }

            marked[word] = true;
        }

        return marked;
    }

    /// <param name="Start">Index in the token text of the first character.</param>
    /// <param name="End">Index in the token text just after the word.</param>
    private readonly record struct FoundWord(string Text, int Start, int End, bool Truncated);

    private readonly struct WordCollector(List<FoundWord> words) : IWordSink
    {
        public List<FoundWord> Words => words;

        public void OnWord(ReadOnlySpan<char> word, ReadOnlySpan<uint> prefixHashes, bool truncated, int start, int end) =>
            words.Add(new FoundWord(word.ToString(), start, end, truncated));
    }
}
