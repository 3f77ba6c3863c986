using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>
/// The watchlist keys found in one article and where: for each key, the article words that
/// satisfied it, in text order. Reused from article to article on one thread, so that matching
/// allocates nothing until a term matches.
/// </summary>
internal sealed class ArticleHits
{
    [ThreadStatic]
    private static ArticleHits? current;

    // Each article word that satisfied at least one key (a "hit"), by hit number.
    private Hit[] hits = new Hit[256];
    private int hitCount;

    // (key, hit) pairs in text order, then the same hits grouped by key.
    private KeyHit[] occurrences = new KeyHit[256];
    private int[] groupedHits = new int[256];
    private int occurrenceCount;

    // Per key; a key was seen in this article when its stamp is the current generation.
    private KeyState[] keys = [];
    private int[] seenKeys = [];
    private int seenKeyCount;
    private int generation;

    // The word being looked up; it becomes a hit only when a key records it.
    private Hit word;
    private int wordHit;

    /// <summary>The instance of the calling thread: matching on one thread never overlaps itself.</summary>
    public static ArticleHits ForCurrentThread => current ??= new ArticleHits();

    /// <summary>Receives an article word, normalised.</summary>
    public char[] WordBuffer { get; } = new char[QueryLimits.MaxWordLength];

    /// <summary>Receives the prefix hashes of <see cref="WordBuffer"/>.</summary>
    public uint[] WordHashes { get; } = new uint[QueryLimits.MaxWordLength];

    /// <summary>Receives the case-folded form of <see cref="WordBuffer"/>, when the scan kept case.</summary>
    public char[] FoldBuffer { get; } = new char[QueryLimits.MaxWordLength];

    /// <summary>Receives the prefix hashes of <see cref="FoldBuffer"/>.</summary>
    public uint[] FoldHashes { get; } = new uint[QueryLimits.MaxWordLength];

    /// <summary>Receives an article word with one letter deleted, to look up fuzzy words.</summary>
    public char[] FuzzyBuffer { get; } = new char[QueryLimits.MaxWordLength];

    /// <summary>The terms to evaluate for the current article.</summary>
    public CandidateTerms Candidates { get; } = new();

    // Lists of occurrences lent to the node being evaluated; nodes nest, so a stack of them.
    private readonly Stack<List<Occurrence>> spareLists = new();

    // The two occurrences of each NEAR pair that became one occurrence (see Occurrence.Pair).
    private readonly List<(Occurrence Left, Occurrence Right)> pairs = [];

    /// <summary>Spans collected for the term being highlighted.</summary>
    public List<HighlightSpan> Highlights { get; } = [];

    public ReadOnlySpan<int> SeenKeys => seenKeys.AsSpan(0, seenKeyCount);

    /// <summary>Forgets the previous article.</summary>
    public void Reset(int keyCount)
    {
        if (keys.Length < keyCount)
        {
            keys = new KeyState[keyCount];
            seenKeys = new int[keyCount];
            generation = 0;
        }

        if (generation == int.MaxValue)
        {
            Array.Clear(keys);
            generation = 0;
        }

        generation++;
        pairs.Clear();
        hitCount = 0;
        occurrenceCount = 0;
        seenKeyCount = 0;
    }

    /// <summary>Sets the article word that the next <see cref="Record"/> calls refer to.</summary>
    public void BeginWord(int position, ArticleField field, int start, int length)
    {
        word = new Hit(position, start, length, field);
        wordHit = -1;
    }

    /// <summary>The current word satisfies <paramref name="key"/>.</summary>
    public void Record(int key)
    {
        if (wordHit < 0)
        {
            wordHit = AddHit();
        }

        if (occurrenceCount == occurrences.Length)
        {
            Array.Resize(ref occurrences, occurrenceCount * 2);
            groupedHits = new int[occurrenceCount * 2];
        }

        occurrences[occurrenceCount++] = new KeyHit(key, wordHit);
        ref var state = ref keys[key];
        if (state.Stamp != generation)
        {
            state.Stamp = generation;
            state.Count = 0;
            seenKeys[seenKeyCount++] = key;
        }

        state.Count++;
    }

    /// <summary>The current word satisfies <paramref name="key"/>, which it may already have recorded.</summary>
    public void RecordOnce(int key)
    {
        for (var i = occurrenceCount - 1; wordHit >= 0 && i >= 0 && occurrences[i].Hit == wordHit; i--)
        {
            if (occurrences[i].Key == key)
            {
                return;
            }
        }

        Record(key);
    }

    /// <summary>Groups the hits by key (a counting sort, so each key's hits stay in text order).</summary>
    public void GroupByKey()
    {
        var offset = 0;
        foreach (var key in SeenKeys)
        {
            ref var state = ref keys[key];
            state.Offset = offset;
            offset += state.Count;
            state.Count = 0;
        }

        foreach (var (key, hit) in occurrences.AsSpan(0, occurrenceCount))
        {
            ref var state = ref keys[key];
            groupedHits[state.Offset + state.Count++] = hit;
        }
    }

    /// <summary>Whether the article contains <paramref name="key"/>.</summary>
    public bool Saw(int key) => keys[key].Stamp == generation;

    /// <summary>The hits of a key, in text order; empty when the article does not contain it.</summary>
    public ReadOnlySpan<int> HitsOf(int key)
    {
        var state = keys[key];
        return state.Stamp == generation ? groupedHits.AsSpan(state.Offset, state.Count) : [];
    }

    /// <summary>Word number in the article; fields are separated by a gap wider than any NEAR distance.</summary>
    public int PositionOf(int hit) => hits[hit].Position;

    /// <summary>The original characters from the first word to the last (both in one field).</summary>
    public HighlightSpan SpanOf(int firstHit, int lastHit)
    {
        var first = hits[firstHit];
        var last = hits[lastHit];
        return new(first.Field, first.Start, last.Start + last.Length - first.Start);
    }

    /// <summary>An empty list to collect occurrences in; give it back with <see cref="Return"/>.</summary>
    public List<Occurrence> Rent() => spareLists.TryPop(out var list) ? list : [];

    public void Return(List<Occurrence> list)
    {
        list.Clear();
        spareLists.Push(list);
    }

    /// <summary>Forgets the NEAR pairs of the previous term.</summary>
    public void ClearPairs() => pairs.Clear();

    /// <summary>One occurrence made of a NEAR pair: it spans both, and highlights them apart.</summary>
    public Occurrence Pair(Occurrence left, Occurrence right)
    {
        var first = left.FirstPosition <= right.FirstPosition ? left : right;
        var last = left.LastPosition >= right.LastPosition ? left : right;
        pairs.Add((left, right));
        return new Occurrence(first.FirstPosition, last.LastPosition, first.FirstHit, last.LastHit, pairs.Count - 1);
    }

    /// <summary>The two occurrences a pair occurrence was made of.</summary>
    public (Occurrence Left, Occurrence Right) PartsOf(Occurrence pair) => pairs[pair.Pair];

    /// <summary>Adds the words of an occurrence to <see cref="Highlights"/> (each operand of a NEAR pair apart).</summary>
    public void Highlight(Occurrence occurrence)
    {
        if (occurrence.Pair < 0)
        {
            Highlights.Add(SpanOf(occurrence.FirstHit, occurrence.LastHit));
            return;
        }

        var (left, right) = pairs[occurrence.Pair];
        Highlight(left);
        Highlight(right);
    }

    /// <summary>The characters of an occurrence, from its first word to its last.</summary>
    public HighlightSpan SpanOf(Occurrence occurrence) => SpanOf(occurrence.FirstHit, occurrence.LastHit);

    private int AddHit()
    {
        if (hitCount == hits.Length)
        {
            Array.Resize(ref hits, hitCount * 2);
        }

        hits[hitCount] = word;
        return hitCount++;
    }

    private readonly record struct Hit(int Position, int Start, int Length, ArticleField Field);

    private readonly record struct KeyHit(int Key, int Hit);

    private struct KeyState
    {
        public int Stamp;
        public int Count;
        public int Offset;
    }
}
