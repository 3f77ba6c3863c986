namespace NewsMonitor.Matching;

/// <summary>
/// The fuzzy words of a watchlist (<c>Mistral~</c>): an article word satisfies one when it is the
/// same word or one Damerau edit away (one letter inserted, deleted, replaced, or two adjacent
/// letters swapped).
/// </summary>
/// <remarks>
/// Two words one edit apart become equal once at most one letter is deleted from each. So every
/// fuzzy word is stored with each of its one-letter deletions, and an article word is looked up
/// with each of its own: the article word itself, then its deletions, hashed from the prefix
/// hashes the scanner already has. Candidates found that way are then checked exactly. The cost
/// is paid only for article words whose length is within one of a fuzzy word's.
/// </remarks>
internal sealed class FuzzyWords
{
    private readonly string[] words;
    private readonly int[] keys;

    // A fuzzy word or one of its deletions, to the fuzzy words (indexes into words) that have it.
    private readonly WordTable variants;
    private readonly int[][] wordsOfVariant;
    private readonly int minLength;
    private readonly int maxLength;

    public FuzzyWords(IReadOnlyDictionary<string, int> keysByWord)
    {
        words = [.. keysByWord.Keys];
        keys = [.. keysByWord.Values];
        var variantNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var lists = new List<List<int>>();
        for (var w = 0; w < words.Length; w++)
        {
            foreach (var variant in VariantsOf(words[w]))
            {
                if (!variantNumbers.TryGetValue(variant, out var number))
                {
                    number = lists.Count;
                    variantNumbers.Add(variant, number);
                    lists.Add([]);
                }

                if (!lists[number].Contains(w))
                {
                    lists[number].Add(w);
                }
            }
        }

        variants = new WordTable(variantNumbers);
        wordsOfVariant = [.. lists.Select(list => list.ToArray())];
        minLength = words.Length == 0 ? 0 : words.Min(word => word.Length);
        maxLength = words.Length == 0 ? 0 : words.Max(word => word.Length);
    }

    public int Count => words.Length;

    /// <summary>Records in <paramref name="hits"/> the key of each fuzzy word that <paramref name="word"/> satisfies.</summary>
    public void FindKeys(ReadOnlySpan<char> word, ReadOnlySpan<uint> prefixHashes, ArticleHits hits)
    {
        if (word.Length < minLength - 1 || word.Length > maxLength + 1)
        {
            return;
        }

        if (variants.TryGetKey(word, prefixHashes[^1], out var number))
        {
            RecordMatches(word, number, hits);
        }

        var deleted = hits.FuzzyBuffer.AsSpan(0, word.Length - 1);
        for (var i = 0; i < word.Length; i++)
        {
            // The hash of the word without its letter i: the prefix before it, then the rest.
            var hash = i == 0 ? WordHash.Seed : prefixHashes[i - 1];
            for (var j = i + 1; j < word.Length; j++)
            {
                hash = WordHash.Next(hash, word[j]);
            }

            if (deleted.IsEmpty || !variants.MayContain(hash))
            {
                continue;
            }

            word[..i].CopyTo(deleted);
            word[(i + 1)..].CopyTo(deleted[i..]);
            if (variants.TryGetKey(deleted, hash, out number))
            {
                RecordMatches(word, number, hits);
            }
        }
    }

    /// <summary>Whether two words are at most one Damerau edit apart.</summary>
    public static bool AreOneEditApart(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < b.Length)
        {
            var shorter = a;
            a = b;
            b = shorter;
        }

        if (a.Length - b.Length > 1)
        {
            return false;
        }

        var same = a.CommonPrefixLength(b);
        if (same == b.Length)
        {
            // Equal, or a is b with one letter added at the end.
            return true;
        }

        if (a.Length > b.Length)
        {
            return a[(same + 1)..].SequenceEqual(b[same..]);
        }

        return a[(same + 1)..].SequenceEqual(b[(same + 1)..])
            || (same + 1 < a.Length && a[same] == b[same + 1] && a[same + 1] == b[same] && a[(same + 2)..].SequenceEqual(b[(same + 2)..]));
    }

    private static IEnumerable<string> VariantsOf(string word)
    {
        yield return word;
        for (var i = 0; i < word.Length; i++)
        {
            yield return word.Remove(i, 1);
        }
    }

    private void RecordMatches(ReadOnlySpan<char> word, int variant, ArticleHits hits)
    {
        foreach (var w in wordsOfVariant[variant])
        {
            // Deleting either of two equal letters gives the same variant: record a word once.
            if (AreOneEditApart(word, words[w]))
            {
                hits.RecordOnce(keys[w]);
            }
        }
    }
}
