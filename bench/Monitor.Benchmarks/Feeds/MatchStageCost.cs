using System.Diagnostics;
using System.Globalization;
using System.Text;
using NewsMonitor.Digests;
using NewsMonitor.Matching;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Storage.InProcess;
using NewsMonitor.Testing;

namespace NewsMonitor.Benchmarks.Feeds;

/// <summary>
/// The match stage's cost per article beyond the matcher: the articles of the poll benchmark's corpus, stored in a
/// fresh embedded store with the default watchlist and subscriber, then matched a feed's batch per message and one
/// article per message (a batch of one: one read and one commit each, what a message per article costs), and
/// matched in the poll that stores them (see <see cref="InPoll"/>). The matcher alone over the same texts is subtracted. Process CPU time (the stage runs on one thread, as the cycle drains
/// the queue): on a loaded machine it moves far less than wall time. Five terms made of words of the corpus's titles
/// are added to the default watchlist, so that articles have matches and inbox rows to write.
/// </summary>
internal static class MatchStageCost
{
    public static void Print(TextWriter output, int feeds)
    {
        var defaults = Path.Combine(Repository(), "src", "Monitor.Server", "defaults");
        var published = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var parser = new NewsMonitor.Feeds.FeedParser();
        var normaliser = new NewsMonitor.Feeds.ArticleNormaliser();
        var articles = Enumerable.Range(0, feeds).SelectMany(f =>
        {
            var source = new FeedSource { Id = $"feed{f}", Url = $"https://outlet{f}.example/feed.xml" };
            var parsed = parser.Parse(Encoding.UTF8.GetBytes(FeedCorpus.Rss(f, PollCycleBenchmarks.ItemsPerFeed, published)), "application/rss+xml; charset=utf-8", new Uri(source.Url));
            return parsed.Items.Select(item => normaliser.Normalise(item, source, "Outlet", new Uri(source.Url), published)).OfType<Article>().DistinctBy(a => a.Id).ToList();
        }).ToList();

        for (var round = 0; round < 3; round++)
        {
            var matcher = MatcherAlone(defaults, articles);
            var batched = Stage(defaults, articles, articles.Chunk(PollCycleBenchmarks.ItemsPerFeed).Select(b => new ArticleBatchMessage(b.Select(a => a.Id).ToList()).ToJson()));
            var read = ReadOnly(defaults, articles);
            var terms = Terms(defaults, articles);
            var single = Stage(defaults, articles, articles.Select(a => a.Id));
            var (matcherInPoll, bare, inPoll) = InPoll(defaults, articles);
            if (round > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}, load average {LoadAverage()}"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{articles.Count} articles; matcher alone {PerArticle(matcher, articles.Count),6:0.0} µs/article"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  a feed's batch per message: {PerArticle(batched, articles.Count),6:0.0} µs/article, {PerArticle(batched - matcher, articles.Count),6:0.0} beyond the matcher"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    of which reading the batches: {PerArticle(read, articles.Count),6:0.0} µs/article"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    of which listing the terms:   {PerArticle(terms, articles.Count),6:0.0} µs/article"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  a feed's batch in its poll:  {PerArticle(inPoll - bare, articles.Count),6:0.0} µs/article, {PerArticle(inPoll - bare - matcherInPoll, articles.Count),6:0.0} beyond the matcher (from memory, in the poll's write)"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    measured in turn, a batch at a time: matcher {PerArticle(matcherInPoll, articles.Count),6:0.0}, storing the articles alone {PerArticle(bare, articles.Count),6:0.0}, storing and matching {PerArticle(inPoll, articles.Count),6:0.0} µs/article"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  one article per message:    {PerArticle(single, articles.Count),6:0.0} µs/article, {PerArticle(single - matcher, articles.Count),6:0.0} beyond the matcher"));
            }
        }
    }

    /// <summary>The process's CPU time, read like a stopwatch.</summary>
    private sealed class CpuClock
    {
        private readonly TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;

        public TimeSpan Elapsed => Process.GetCurrentProcess().TotalProcessorTime - start;

        public static CpuClock StartNew() => new();
    }

    /// <summary>What was matched, as a check that each way of matching does the same work.</summary>
    private static void PrintMatches(PipelineHarness harness, List<Article> articles)
    {
        var matches = articles.Take(200).Sum(a => harness.Get<IMatchStore>().ListMatchesForArticleAsync(a.Id).GetAwaiter().GetResult().Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ({matches / 200.0:0.0} matches per article)"));
    }

    private static double PerArticle(TimeSpan time, int count) => time.TotalMicroseconds / count;

    private static TimeSpan MatcherAlone(string defaults, List<Article> articles)
    {
        using var harness = Seeded(defaults, articles, store: false);
        var (compiled, _) = harness.Get<WatchlistProvider>().GetAsync(CancellationToken.None).GetAwaiter().GetResult();
        var clock = CpuClock.StartNew();
        foreach (var article in articles)
        {
            compiled.Match(new ArticleText(article.Title, article.Summary, article.Content));
        }

        return clock.Elapsed;
    }

    private static TimeSpan Stage(string defaults, List<Article> articles, IEnumerable<string> messages)
    {
        using var harness = Seeded(defaults, articles, store: true);
        var handler = harness.Get<MatchArticleHandler>();
        // The watchlist is compiled once per process (and again only when terms change): not a per-article cost.
        harness.Get<WatchlistProvider>().GetAsync(CancellationToken.None).GetAwaiter().GetResult();
        var clock = CpuClock.StartNew();
        foreach (var message in messages)
        {
            handler.HandleAsync(message, CancellationToken.None).GetAwaiter().GetResult();
        }

        var elapsed = clock.Elapsed;
        PrintMatches(harness, articles);
        if (harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(1).GetAwaiter().GetResult().Count > 0)
        {
            throw new InvalidOperationException("Articles were left unmatched: the measurement is not of the whole stage.");
        }

        return elapsed;
    }

    /// <summary>
    /// The embedded host's way (Pipeline:MatchInPoll): a feed's articles matched from memory and stored with their
    /// matches in the poll's own write (<see cref="NewArticleHandoff"/>). What matching adds to the poll is this less
    /// the same articles stored with nothing for matching at all (no "unmatched" row, no match row), less the matcher.
    /// The three are measured in turn for each feed's batch, in two fresh stores, so that the machine's load moves them
    /// together rather than one of them alone.
    /// </summary>
    private static (TimeSpan Matcher, TimeSpan Bare, TimeSpan InPoll) InPoll(string defaults, List<Article> articles)
    {
        using var bareHarness = Seeded(defaults, articles, store: false);
        using var harness = Seeded(defaults, articles, store: false, matchInPoll: true);
        var bareStore = bareHarness.Get<IArticleStore>();
        var handoff = harness.Get<NewArticleHandoff>();
        var (compiled, _) = harness.Get<WatchlistProvider>().GetAsync(CancellationToken.None).GetAwaiter().GetResult();

        // As a cycle's drain of the polls does: the watchlist and subscribers read once for all its feeds.
        using var held = harness.Get<MatchInputs>().Hold();
        var (matcher, bare, inPoll) = (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        foreach (var batch in articles.Chunk(PollCycleBenchmarks.ItemsPerFeed))
        {
            var clock = CpuClock.StartNew();
            foreach (var article in batch)
            {
                compiled.Match(new ArticleText(article.Title, article.Summary, article.Content));
            }

            matcher += clock.Elapsed;
            clock = CpuClock.StartNew();
            bareStore.TryAddMatchedArticlesAsync(batch.Select(a => new MatchedArticle(a, new ArticleMatches(a.Id, [], []))).ToList(), DateTimeOffset.UnixEpoch).GetAwaiter().GetResult();
            bare += clock.Elapsed;
            clock = CpuClock.StartNew();
            handoff.StoreAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
            inPoll += clock.Elapsed;
        }

        PrintMatches(harness, articles);
        if (harness.Get<IArticleStore>().ListUnmatchedArticleIdsAsync(1).GetAwaiter().GetResult().Count > 0 || (harness.Get<IMessageQueue>() is InProcessQueue queue && queue.Peek(QueueNames.Articles).Count > 0))
        {
            throw new InvalidOperationException("Articles were left for the match stage: the measurement is not of matching in the poll.");
        }

        return (matcher, bare, inPoll);
    }

    private static TimeSpan Terms(string defaults, List<Article> articles)
    {
        using var harness = Seeded(defaults, articles, store: false);
        var watchlist = harness.Get<WatchlistProvider>();
        watchlist.GetAsync(CancellationToken.None).GetAwaiter().GetResult();
        var clock = CpuClock.StartNew();
        foreach (var batch in articles.Chunk(PollCycleBenchmarks.ItemsPerFeed))
        {
            watchlist.GetAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        return clock.Elapsed;
    }

    private static TimeSpan ReadOnly(string defaults, List<Article> articles)
    {
        using var harness = Seeded(defaults, articles, store: true);
        var store = harness.Get<IArticleStore>();
        var clock = CpuClock.StartNew();
        foreach (var batch in articles.Chunk(PollCycleBenchmarks.ItemsPerFeed))
        {
            store.GetArticlesAsync(batch.Select(a => a.Id).ToList()).GetAwaiter().GetResult();
        }

        return clock.Elapsed;
    }

    private static PipelineHarness Seeded(string defaults, List<Article> articles, bool store, bool matchInPoll = false)
    {
        var harness = new PipelineHarness(settings: new Dictionary<string, string?> { ["Pipeline:MatchInPoll"] = matchInPoll ? "true" : "false" });
        var importer = harness.Get<StoreImporter>();
        using (var watchlist = File.OpenRead(Path.Combine(defaults, "watchlist.json")))
        {
            importer.ImportTermsAsync(WatchlistFile.ReadAsync(watchlist, CancellationToken.None).GetAwaiter().GetResult(), replace: false).GetAwaiter().GetResult();
        }

        using (var subscribers = File.OpenRead(Path.Combine(defaults, "subscribers.json")))
        {
            importer.ImportSubscribersAsync(SubscribersFile.ReadAsync(subscribers, CancellationToken.None).GetAwaiter().GetResult()).GetAwaiter().GetResult();
        }

        var words = articles.Take(20).SelectMany(a => a.Title.Split(' ', '.')).Where(w => w.Length >= 6).Distinct(StringComparer.OrdinalIgnoreCase).Take(5);
        foreach (var word in words)
        {
            harness.Get<ITermStore>().UpsertTermAsync(new WatchTerm { Id = "corpus-" + word.ToLowerInvariant(), Name = word, Query = word }).GetAwaiter().GetResult();
        }

        if (store)
        {
            harness.Get<IArticleStore>().TryAddArticlesAsync(articles).GetAwaiter().GetResult();

            // The poll's inserts copied from the WAL into the file now, not by a checkpoint in the middle of the measurement.
            using var connection = harness.Get<NewsMonitor.Storage.Sqlite.SqliteDatabase>().Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        return harness;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Monitor.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository: its defaults/ folder holds the watchlist.");
    }
}
