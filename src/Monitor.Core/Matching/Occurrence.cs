namespace NewsMonitor.Matching;

/// <summary>
/// One place where a word, prefix, phrase or NEAR pair occurs: its first and last word positions and
/// the hits (see <see cref="ArticleHits"/>) of its first and last words.
/// </summary>
/// <param name="Pair">For a NEAR pair, its number in <see cref="ArticleHits.PartsOf"/>; -1 otherwise.</param>
internal readonly record struct Occurrence(int FirstPosition, int LastPosition, int FirstHit, int LastHit, int Pair = -1)
{
    public static int CompareByPosition(Occurrence x, Occurrence y) => x.FirstPosition.CompareTo(y.FirstPosition);

    /// <summary>Words between two occurrences; negative when they overlap.</summary>
    public static int WordsBetween(Occurrence a, Occurrence b) => a.LastPosition < b.FirstPosition
        ? b.FirstPosition - a.LastPosition - 1
        : a.FirstPosition - b.LastPosition - 1;

    /// <summary>The occurrences of a positional node, in text order (by first position), into <paramref name="into"/>.</summary>
    public static List<Occurrence> Collect(ArticleHits hits, IPositionalNode node, List<Occurrence> into)
    {
        node.AddOccurrences(hits, into);
        for (var i = 1; i < into.Count; i++)
        {
            // Each operand of an OR is in text order but not all together, nor are NEAR pairs.
            if (into[i - 1].FirstPosition > into[i].FirstPosition)
            {
                into.Sort(CompareByPosition);
                break;
            }
        }

        return into;
    }

    /// <summary>The index of the first occurrence that starts at or after <paramref name="position"/>.</summary>
    public static int FirstStartingAt(List<Occurrence> occurrences, int position)
    {
        int low = 0, high = occurrences.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (occurrences[middle].FirstPosition < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
