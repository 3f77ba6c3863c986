using NewsMonitor.Storage;

namespace NewsMonitor.Feeds.Stories;

/// <summary>
/// Gives each new article its story key: the key of the most similar recent article when one is similar
/// enough (<see cref="IsSameStory"/>), else the article's own id. So a story's key is the id of the first
/// article seen telling it, every outlet's version carries it, and digests group by plain equality.
/// </summary>
/// <remarks>
/// The index holds the signatures of the articles of the last <see cref="Window"/> (at most
/// <see cref="Capacity"/>), found through locality-sensitive bands of their MinHash sketches: two articles
/// that share any band are compared exactly. At 32 bands of 2 values, a pair at Jaccard 0.2 is found with
/// probability 0.73, at 0.3 with 0.95, at 0.4 with 0.995; a miss between two retellings is usually made
/// good through the original, which both resemble more.
/// It lives in memory, warmed from the store's most recent articles on first use and topped up from it
/// every <see cref="RefreshEvery"/>, so several processes polling one store mostly agree; two versions of one
/// story polled at the same moment by two processes can still found two stories. The index also answers
/// "was this id stored recently?", which lets a poll skip articles it already has without a database round trip.
/// </remarks>
public sealed class StoryIndex(IArticleStore articles, TimeProvider time) : IDisposable
{
    public const int Bands = StorySignature.Bands;

    /// <summary>
    /// A band value shared by this many articles says nothing about any one of them (boilerplate, a feed that
    /// repeats itself): such a bucket takes no more members and is not searched, which bounds the work per article.
    /// </summary>
    public const int MaxBucket = 32;
    public const int Capacity = 20_000;
    public const int WarmCount = 5_000;
    public const int RefreshCount = 1_000;
    public static readonly TimeSpan Window = TimeSpan.FromDays(3);
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Jaccard similarity of word pairs from which two articles tell the same story: a headline and a lede
    /// rewritten on both sides still leave about 0.2; different stories about the same people stay under 0.1.
    /// </summary>
    public const double MinJaccard = 0.25;

    /// <summary>Or: this share of the shorter text is in the longer one (an outlet running only the first paragraphs).</summary>
    public const double MinContainment = 0.5;

    /// <summary>Within one feed only near-copies are one story: a feed's boilerplate must not merge its articles.</summary>
    public const double MinJaccardSameFeed = 0.8;

    private readonly Dictionary<string, Entry> byId = new(StringComparer.Ordinal);
    private readonly BandBuckets buckets = new();

    // The entries by handle, which is what the buckets hold.
    private readonly HandlePool<Entry> entries = new(1024);
    private readonly LinkedList<Entry> byAge = new();
    private readonly Lock gate = new();
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private DateTimeOffset? refreshedAt;

    // Marks the entries one search has compared already (an entry sits in up to 32 buckets) without a set per search.
    private int search;

    /// <summary>Loads recent articles on first use, then tops up from the store now and then.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (refreshedAt is { } last && now - last < RefreshEvery)
        {
            return;
        }

        await refreshing.WaitAsync(ct);
        try
        {
            if (refreshedAt is { } again && now - again < RefreshEvery)
            {
                return;
            }

            var recent = await articles.ListRecentArticlesAsync(refreshedAt is null ? WarmCount : RefreshCount, ct);
            lock (gate)
            {
                foreach (var article in recent.Reverse())
                {
                    if (!byId.ContainsKey(article.Id))
                    {
                        Add(article, StorySignature.Of(article.Title, article.Summary, article.Content), article.StoryKey ?? article.Id);
                    }
                }

                Evict(now);
            }

            refreshedAt = now;
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>True when the article was stored recently (by this process or seen in the store).</summary>
    public bool Knows(string articleId)
    {
        lock (gate)
        {
            return byId.ContainsKey(articleId);
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return byId.Count;
            }
        }
    }

    /// <summary>
    /// The story key for a new article, which is indexed at once so that the next version of the story,
    /// polled concurrently, finds it. Call <see cref="Forget"/> if the article turns out not to be new.
    /// </summary>
    public string Assign(Article article) => AssignAll([article])[0];

    /// <summary>
    /// <see cref="Assign"/> for a feed's new articles at once: the signatures are computed outside the lock, and
    /// the lock is taken once per feed rather than once per article, which concurrent polls would fight over.
    /// </summary>
    public IReadOnlyList<string> AssignAll(IReadOnlyList<Article> articles)
    {
        var signatures = new StorySignature[articles.Count];
        for (var i = 0; i < articles.Count; i++)
        {
            signatures[i] = StorySignature.Of(articles[i].Title, articles[i].Summary, articles[i].Content);
        }

        var keys = new string[articles.Count];
        lock (gate)
        {
            var now = time.GetUtcNow();
            for (var i = 0; i < articles.Count; i++)
            {
                var article = articles[i];
                if (byId.TryGetValue(article.Id, out var known))
                {
                    keys[i] = known.StoryKey;
                    continue;
                }

                keys[i] = MostSimilar(article.FeedId, signatures[i])?.StoryKey ?? article.Id;
                Add(article, signatures[i], keys[i]);
            }

            Evict(now);
        }

        return keys;
    }

    /// <summary>Takes back an <see cref="Assign"/> whose article was already stored (it keeps the key it had then).</summary>
    public void Forget(string articleId)
    {
        lock (gate)
        {
            if (byId.Remove(articleId, out var entry))
            {
                Unlink(entry);
            }
        }
    }

    /// <summary>Whether two sketches tell the same story, for articles of different feeds or of one feed.</summary>
    public static bool IsSameStory(StorySignature a, StorySignature b, bool sameFeed)
    {
        if (!a.IsUsable || !b.IsUsable)
        {
            return false;
        }

        var jaccard = a.Jaccard(b);
        if (sameFeed)
        {
            return jaccard >= MinJaccardSameFeed;
        }

        return jaccard >= MinJaccard
            || (Math.Min(a.ShingleCount, b.ShingleCount) >= 2 * StorySignature.MinShingles && a.Containment(b) >= MinContainment);
    }

    private Entry? MostSimilar(string feedId, StorySignature signature)
    {
        if (!signature.IsUsable)
        {
            return null;
        }

        Entry? best = null;
        var bestScore = 0.0;
        var stamp = ++search;
        buckets.Touch(signature.BandKeys);
        foreach (var key in signature.BandKeys)
        {
            if (!buckets.TryFind(key, out var single, out var list))
            {
                continue;
            }

            if (list is null)
            {
                Consider(entries[single]);
            }
            else if (list.Count < MaxBucket)
            {
                foreach (var handle in list)
                {
                    Consider(entries[handle]);
                }
            }
        }

        return best;

        void Consider(Entry entry)
        {
            if (entry.SearchedBy == stamp)
            {
                return;
            }

            entry.SearchedBy = stamp;
            if (!IsSameStory(signature, entry.Signature, entry.FeedId == feedId))
            {
                return;
            }

            var score = signature.Jaccard(entry.Signature);
            if (best is null || score > bestScore)
            {
                best = entry;
                bestScore = score;
            }
        }
    }

    private void Add(Article article, StorySignature signature, string storyKey)
    {
        var entry = new Entry(article.Id, article.FeedId, storyKey, signature, article.FetchedAt);
        byId[article.Id] = entry;
        entry.Node = byAge.AddLast(entry);
        entry.Handle = entries.Add(entry);
        foreach (var key in signature.BandKeys)
        {
            buckets.Add(key, entry.Handle, MaxBucket);
        }
    }

    private void Evict(DateTimeOffset now)
    {
        while (byAge.First is { } oldest && (byAge.Count > Capacity || oldest.Value.FetchedAt < now - Window))
        {
            byId.Remove(oldest.Value.ArticleId);
            Unlink(oldest.Value);
        }
    }

    private void Unlink(Entry entry)
    {
        if (entry.Node is { } node)
        {
            byAge.Remove(node);
            entry.Node = null;
        }

        buckets.Touch(entry.Signature.BandKeys);
        foreach (var key in entry.Signature.BandKeys)
        {
            buckets.Remove(key, entry.Handle);
        }

        entries.Remove(entry.Handle);
    }

    public void Dispose() => refreshing.Dispose();

    private sealed class Entry(string articleId, string feedId, string storyKey, StorySignature signature, DateTimeOffset fetchedAt)
    {
        public string ArticleId { get; } = articleId;
        public string FeedId { get; } = feedId;
        public string StoryKey { get; } = storyKey;
        public StorySignature Signature { get; } = signature;
        public DateTimeOffset FetchedAt { get; } = fetchedAt;
        public LinkedListNode<Entry>? Node { get; set; }

        /// <summary>Where <c>entries</c> holds it, and what the buckets hold of it.</summary>
        public int Handle { get; set; }

        /// <summary>The last search that compared this entry (see <c>search</c>).</summary>
        public int SearchedBy { get; set; }
    }
}
