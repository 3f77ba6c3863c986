using System.Collections.Immutable;

namespace NewsMonitor.Matching;

/// <summary>
/// Turns the text of a word or phrase token into normalised query words, normalised exactly as
/// article text is, with '*' marking a prefix; registers each in the <see cref="WordIndex"/>.
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
            words.Add(new QueryWord(wordText, prefixes[i], key, char.IsUpper(token.Text[found[i].Start])));
        }

        return words.MoveToImmutable();
    }

    /// <summary>Which words end with '*'; a '*' anywhere else is an error.</summary>
    private static bool[] FindPrefixes(QueryToken token, List<FoundWord> found)
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
