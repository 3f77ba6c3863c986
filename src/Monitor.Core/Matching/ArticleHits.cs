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

    // A word that satisfied at least one key ("hit"), by hit number.
    private int[] hitPosition = new int[256];
    private int[] hitStart = new int[256];
    private int[] hitLength = new int[256];
    private ArticleField[] hitField = new ArticleField[256];
    private int hitCount;

    // (key, hit) pairs in text order, then the same hits grouped by key.
    private int[] occurrenceKey = new int[256];
    private int[] occurrenceHit = new int[256];
    private int[] groupedHits = new int[256];
    private int occurrenceCount;

    // Per key; a key was seen in this article when its stamp is the current generation.
    private int[] keyStamp = [];
    private int[] keyHitCount = [];
    private int[] keyOffset = [];
    private int[] seenKeys = [];
    private int seenKeyCount;
    private int generation;

    // The word being looked up; it becomes a hit only when a key records it.
    private int wordPosition;
    private ArticleField wordField;
    private int wordStart;
    private int wordLength;
    private int wordHit;

    /// <summary>Receives an article word, normalised with case kept.</summary>
    public char[] WordBuffer { get; } = new char[QueryLimits.MaxWordLength];

    /// <summary>Receives the case-folded form of <see cref="WordBuffer"/>.</summary>
    public char[] FoldBuffer { get; } = new char[QueryLimits.MaxWordLength];

    /// <summary>Occurrences of the left operand of the NEAR being evaluated (NEAR never nests).</summary>
    public List<Occurrence> NearLeft { get; } = [];

    /// <summary>Occurrences of the right operand of the NEAR being evaluated.</summary>
    public List<Occurrence> NearRight { get; } = [];

    /// <summary>Spans collected for the term being highlighted.</summary>
    public List<HighlightSpan> Highlights { get; } = [];

    /// <summary>The instance of the calling thread: matching on one thread never overlaps itself.</summary>
    public static ArticleHits ForCurrentThread => current ??= new ArticleHits();

    /// <summary>The terms to evaluate for the current article.</summary>
    public CandidateTerms Candidates { get; } = new();

    public ReadOnlySpan<int> SeenKeys => seenKeys.AsSpan(0, seenKeyCount);

    /// <summary>Forgets the previous article.</summary>
    public void Reset(int keyCount)
    {
        if (keyStamp.Length < keyCount)
        {
            keyStamp = new int[keyCount];
            keyHitCount = new int[keyCount];
            keyOffset = new int[keyCount];
            seenKeys = new int[keyCount];
            generation = 0;
        }

        if (generation == int.MaxValue)
        {
            Array.Clear(keyStamp);
            generation = 0;
        }

        generation++;
        hitCount = 0;
        occurrenceCount = 0;
        seenKeyCount = 0;
    }

    /// <summary>Sets the article word that the next <see cref="Record"/> calls refer to.</summary>
    public void BeginWord(int position, ArticleField field, int start, int length)
    {
        wordPosition = position;
        wordField = field;
        wordStart = start;
        wordLength = length;
        wordHit = -1;
    }

    /// <summary>The current word satisfies <paramref name="key"/>.</summary>
    public void Record(int key)
    {
        if (wordHit < 0)
        {
            wordHit = AddHit();
        }

        if (occurrenceCount == occurrenceKey.Length)
        {
            Array.Resize(ref occurrenceKey, occurrenceCount * 2);
            Array.Resize(ref occurrenceHit, occurrenceCount * 2);
            groupedHits = new int[occurrenceCount * 2];
        }

        occurrenceKey[occurrenceCount] = key;
        occurrenceHit[occurrenceCount] = wordHit;
        occurrenceCount++;

        if (keyStamp[key] != generation)
        {
            keyStamp[key] = generation;
            keyHitCount[key] = 0;
            seenKeys[seenKeyCount++] = key;
        }

        keyHitCount[key]++;
    }

    /// <summary>Groups the hits by key (a counting sort, so each key's hits stay in text order).</summary>
    public void GroupByKey()
    {
        var offset = 0;
        foreach (var key in SeenKeys)
        {
            keyOffset[key] = offset;
            offset += keyHitCount[key];
            keyHitCount[key] = 0;
        }

        for (var i = 0; i < occurrenceCount; i++)
        {
            var key = occurrenceKey[i];
            groupedHits[keyOffset[key] + keyHitCount[key]++] = occurrenceHit[i];
        }
    }

    /// <summary>The hits of a key, in text order; empty when the article does not contain it.</summary>
    public ReadOnlySpan<int> HitsOf(int key) =>
        keyStamp[key] == generation ? groupedHits.AsSpan(keyOffset[key], keyHitCount[key]) : [];

    /// <summary>Word number in the article; fields are separated by a gap wider than any NEAR distance.</summary>
    public int PositionOf(int hit) => hitPosition[hit];

    /// <summary>The original characters from the first word to the last (both in one field).</summary>
    public HighlightSpan SpanOf(int firstHit, int lastHit) =>
        new(hitField[firstHit], hitStart[firstHit], hitStart[lastHit] + hitLength[lastHit] - hitStart[firstHit]);

    private int AddHit()
    {
        if (hitCount == hitPosition.Length)
        {
            var size = hitCount * 2;
            Array.Resize(ref hitPosition, size);
            Array.Resize(ref hitStart, size);
            Array.Resize(ref hitLength, size);
            Array.Resize(ref hitField, size);
        }

        hitPosition[hitCount] = wordPosition;
        hitStart[hitCount] = wordStart;
        hitLength[hitCount] = wordLength;
        hitField[hitCount] = wordField;
        return hitCount++;
    }
}
