using System.Runtime.CompilerServices;

namespace NewsMonitor.Matching;

/// <summary>
/// Every word and prefix of a watchlist, each under a key (a small integer), so that looking up an
/// article word once finds every query word and prefix it satisfies.
/// </summary>
internal sealed class WordIndex
{
    private readonly Dictionary<string, int> foldedWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> casedWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> foldedPrefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> casedPrefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> foldedFuzzy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> casedFuzzy = new(StringComparer.Ordinal);
    private Lookup folded = Lookup.Empty;
    private Lookup cased = Lookup.Empty;

    public int KeyCount { get; private set; }

    /// <summary>Whether article words are scanned case folded: true unless some term matches case.</summary>
    public bool ScanFoldsCase { get; private set; } = true;

    /// <param name="word">A normalised word: case folded unless <paramref name="matchCase"/>.</param>
    public int AddWord(string word, bool matchCase) => Add(matchCase ? casedWords : foldedWords, word);

    /// <param name="prefix">A normalised prefix: case folded unless <paramref name="matchCase"/>.</param>
    public int AddPrefix(string prefix, bool matchCase) => Add(matchCase ? casedPrefixes : foldedPrefixes, prefix);

    /// <param name="word">A normalised word to match within one edit: case folded unless <paramref name="matchCase"/>.</param>
    public int AddFuzzy(string word, bool matchCase) => Add(matchCase ? casedFuzzy : foldedFuzzy, word);

    /// <summary>Builds the lookup tables; call once, after the last word is added.</summary>
    public void Freeze()
    {
        folded = new Lookup(foldedWords, foldedPrefixes, foldedFuzzy);
        cased = new Lookup(casedWords, casedPrefixes, casedFuzzy);
        ScanFoldsCase = cased.IsEmpty;
    }

    /// <summary>Records in <paramref name="hits"/> the key of every word and prefix that an article word satisfies.</summary>
    /// <param name="word">The article word, normalised as <see cref="ScanFoldsCase"/> says.</param>
    /// <param name="prefixHashes">The hashes of the prefixes of <paramref name="word"/>.</param>
    /// <param name="truncated">The word was longer than <paramref name="word"/>.</param>
    /// <param name="hits">Receives the keys; also lends buffers to fold case when the scan kept it.</param>
    /// <remarks>Not inlined into the splitter's loop, whose registers it would take.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void FindKeys(ReadOnlySpan<char> word, ReadOnlySpan<uint> prefixHashes, bool truncated, ArticleHits hits)
    {
        if (ScanFoldsCase)
        {
            folded.FindKeys(word, prefixHashes, truncated, hits);
            return;
        }

        cased.FindKeys(word, prefixHashes, truncated, hits);
        if (folded.IsEmpty)
        {
            return;
        }

        var lowered = hits.FoldBuffer.AsSpan(0, word.Length);
        var hashes = hits.FoldHashes.AsSpan(0, word.Length);
        var hash = WordHash.Seed;
        for (var i = 0; i < word.Length; i++)
        {
            lowered[i] = CharFolding.Lower(word[i]);
            hashes[i] = hash = WordHash.Next(hash, lowered[i]);
        }

        folded.FindKeys(lowered, hashes, truncated, hits);
    }

    private int Add(Dictionary<string, int> keys, string text)
    {
        if (!keys.TryGetValue(text, out var key))
        {
            key = KeyCount++;
            keys.Add(text, key);
        }

        return key;
    }

    /// <summary>The words and prefixes of one case mode.</summary>
    private sealed class Lookup
    {
        public static readonly Lookup Empty = new(new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int>());

        private readonly WordTable words;
        private readonly WordTable prefixes;

        // Null when the watchlist has no fuzzy word, so that others pay one test per word.
        private readonly FuzzyWords? fuzzy;

        // The distinct lengths of the prefixes, ascending: a word is looked up once per length.
        private readonly int[] prefixLengths;

        public Lookup(Dictionary<string, int> words, Dictionary<string, int> prefixes, Dictionary<string, int> fuzzy)
        {
            this.words = new WordTable(words);
            this.prefixes = new WordTable(prefixes);
            this.fuzzy = fuzzy.Count == 0 ? null : new FuzzyWords(fuzzy);
            prefixLengths = [.. prefixes.Keys.Select(prefix => prefix.Length).Distinct().Order()];
        }

        public bool IsEmpty => words.Count == 0 && prefixes.Count == 0 && fuzzy is null;

        public void FindKeys(ReadOnlySpan<char> word, ReadOnlySpan<uint> prefixHashes, bool truncated, ArticleHits hits)
        {
            // A truncated word is longer than any query word, so only its prefixes can match.
            if (!truncated && words.TryGetKey(word, prefixHashes[^1], out var key))
            {
                hits.Record(key);
            }

            foreach (var length in prefixLengths)
            {
                if (length > word.Length)
                {
                    break;
                }

                if (prefixes.TryGetKey(word[..length], prefixHashes[length - 1], out key))
                {
                    hits.Record(key);
                }
            }

            if (fuzzy is not null && !truncated)
            {
                fuzzy.FindKeys(word, prefixHashes, hits);
            }
        }
    }
}
