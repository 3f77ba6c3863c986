namespace NewsMonitor.Matching;

/// <summary>
/// The <c>prefix*</c> words of a watchlist, so that one walk along an article word finds every
/// prefix it starts with, however many prefixes the watchlist has.
/// </summary>
internal sealed class PrefixTrie
{
    private const int Root = 0;

    // Edges of every node, keyed by (node, character): one flat table instead of one per node.
    private readonly Dictionary<long, int> edges = [];
    private readonly List<int> keyOfNode = [-1];
    private int[] frozenKeyOfNode = [];

    // The root's edges as a direct table: every article word starts there.
    private int[]? rootEdges;

    public bool IsEmpty => keyOfNode.Count == 1;

    /// <summary>Adds a prefix; returns the key already given to it, or <paramref name="newKey"/>.</summary>
    public int Add(ReadOnlySpan<char> prefix, int newKey)
    {
        rootEdges = null;
        var node = Root;
        foreach (var c in prefix)
        {
            var edge = EdgeOf(node, c);
            if (!edges.TryGetValue(edge, out var child))
            {
                child = keyOfNode.Count;
                keyOfNode.Add(-1);
                edges.Add(edge, child);
            }

            node = child;
        }

        if (keyOfNode[node] < 0)
        {
            keyOfNode[node] = newKey;
        }

        return keyOfNode[node];
    }

    /// <summary>Builds the lookup tables; call once, after the last <see cref="Add"/>.</summary>
    public void Freeze()
    {
        frozenKeyOfNode = [.. keyOfNode];
        rootEdges = new int[char.MaxValue + 1];
        foreach (var (edge, child) in edges)
        {
            if (edge >> 16 == Root)
            {
                rootEdges[(char)edge] = child;
            }
        }
    }

    /// <summary>Records, through <paramref name="sink"/>, the key of every prefix that <paramref name="word"/> starts with.</summary>
    public void FindPrefixesOf(ReadOnlySpan<char> word, ArticleHits sink)
    {
        if (word.IsEmpty || rootEdges is null)
        {
            return;
        }

        var node = rootEdges[word[0]];
        for (var i = 1; ; i++)
        {
            if (node == Root)
            {
                return;
            }

            var key = frozenKeyOfNode[node];
            if (key >= 0)
            {
                sink.Record(key);
            }

            if (i == word.Length || !edges.TryGetValue(EdgeOf(node, word[i]), out node))
            {
                return;
            }
        }
    }

    private static long EdgeOf(int node, char c) => ((long)node << 16) | c;
}
