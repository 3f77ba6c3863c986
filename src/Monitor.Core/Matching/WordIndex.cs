namespace NewsMonitor.Matching;

/// <summary>
/// Every word and prefix of a watchlist, each under a key (a small integer), so that one lookup per
/// article word finds every query word it satisfies.
/// </summary>
internal sealed class WordIndex
{
    private readonly Dictionary<string, int> foldedWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> casedWords = new(StringComparer.Ordinal);
    private readonly PrefixTrie foldedPrefixes = new();
    private readonly PrefixTrie casedPrefixes = new();
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> foldedLookup;
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> casedLookup;
    private bool hasFolded;
    private bool hasCased;

    public int KeyCount { get; private set; }

    /// <param name="word">A normalised word: case folded unless <paramref name="matchCase"/>.</param>
    public int AddWord(string word, bool matchCase)
    {
        var words = matchCase ? casedWords : foldedWords;
        if (!words.TryGetValue(word, out var key))
        {
            key = KeyCount++;
            words.Add(word, key);
        }

        return key;
    }

    /// <param name="prefix">A normalised prefix: case folded unless <paramref name="matchCase"/>.</param>
    public int AddPrefix(string prefix, bool matchCase)
    {
        var prefixes = matchCase ? casedPrefixes : foldedPrefixes;
        var key = prefixes.Add(prefix, KeyCount);
        if (key == KeyCount)
        {
            KeyCount++;
        }

        return key;
    }

    /// <summary>Prepares the lookups; call once, after the last word is added.</summary>
    public void Freeze()
    {
        foldedPrefixes.Freeze();
        casedPrefixes.Freeze();
        foldedLookup = foldedWords.GetAlternateLookup<ReadOnlySpan<char>>();
        casedLookup = casedWords.GetAlternateLookup<ReadOnlySpan<char>>();
        hasFolded = foldedWords.Count > 0 || !foldedPrefixes.IsEmpty;
        hasCased = casedWords.Count > 0 || !casedPrefixes.IsEmpty;
    }

    /// <summary>Records in <paramref name="hits"/> the key of every word and prefix that the article word satisfies.</summary>
    /// <param name="word">The article word, normalised with case kept.</param>
    /// <param name="truncated">The word was longer than any query word, so only prefixes can match it.</param>
    /// <param name="foldBuffer">Scratch space for the case-folded word, at least as long as <paramref name="word"/>.</param>
    public void FindKeys(ReadOnlySpan<char> word, bool truncated, Span<char> foldBuffer, ArticleHits hits)
    {
        if (hasCased)
        {
            if (!truncated && casedLookup.TryGetValue(word, out var key))
            {
                hits.Record(key);
            }

            casedPrefixes.FindPrefixesOf(word, hits);
        }

        if (hasFolded)
        {
            var folded = foldBuffer[..word.Length];
            for (var i = 0; i < word.Length; i++)
            {
                folded[i] = CharFolding.Lower(word[i]);
            }

            if (!truncated && foldedLookup.TryGetValue(folded, out var key))
            {
                hits.Record(key);
            }

            foldedPrefixes.FindPrefixesOf(folded, hits);
        }
    }
}
