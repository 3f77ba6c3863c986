using System.Diagnostics;
using System.Globalization;
using System.Text;
using NewsMonitor.Feeds;
using NewsMonitor.Feeds.Stories;
using NewsMonitor.Storage;

namespace NewsMonitor.Benchmarks.Feeds;

/// <summary>
/// What each in-memory stage of a poll costs per feed of the benchmark's corpus, on one thread: CPU time and
/// bytes allocated (allocation is what the garbage collector's pauses scale with). Not BenchmarkDotNet: a quick
/// table for finding the next thing to make cheaper.
/// </summary>
internal static class StageCosts
{
    public static void Print(TextWriter output, int feeds)
    {
        var published = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var bodies = Enumerable.Range(0, feeds).Select(f => Encoding.UTF8.GetBytes(FeedCorpus.Rss(f, PollCycleBenchmarks.ItemsPerFeed, published))).ToList();
        var sources = Enumerable.Range(0, feeds).Select(f => new FeedSource { Id = $"feed{f}", Url = $"https://outlet{f}.example/feed.xml" }).ToList();
        var parser = new FeedParser();
        var normaliser = new ArticleNormaliser();
        for (var round = 0; round < 3; round++)
        {
            Stage(output, "parse (decode, repair, read)", round, bodies.Select((b, i) => (Func<object>)(() => parser.Parse(b, "application/rss+xml; charset=utf-8", new Uri(sources[i].Url)))).ToList(), out var feedsParsed);
            Stage(output, "normalise", round, feedsParsed.Select((p, i) => (Func<object>)(() => ((ParsedFeed)p).Items.Select(item => normaliser.Normalise(item, sources[i], "Outlet", new Uri(sources[i].Url), published)!).ToList())).ToList(), out var normalised);
            Stage(output, "story signatures", round, normalised.Select(a => (Func<object>)(() => ((List<Article>)a).Select(x => StorySignature.Of(x.Title, x.Summary, x.Content)).ToList())).ToList(), out _);
            using var index = new StoryIndex(new NoArticles(), TimeProvider.System);
            Stage(output, "story index (signatures, assign)", round, normalised.Select(a => (Func<object>)(() => index.AssignAll((List<Article>)a))).ToList(), out _);
        }
    }

    private static void Stage(TextWriter output, string name, int round, List<Func<object>> work, out List<object> results)
    {
        results = new List<object>(work.Count);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        foreach (var step in work)
        {
            results.Add(step());
        }

        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        var perFeed = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / work.Count;
        if (round > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-36} {perFeed,6:0.00} ms {bytes / 1024.0 / work.Count,8:0} KB per feed"));
        }
    }

    private sealed class NoArticles : IArticleStore
    {
        public Task<bool> TryAddArticleAsync(Article article, CancellationToken ct = default) => Task.FromResult(true);

        public Task<Article?> GetArticleAsync(string id, CancellationToken ct = default) => Task.FromResult<Article?>(null);

        public Task<IReadOnlySet<string>> TryAddMatchedArticlesAsync(IReadOnlyList<MatchedArticle> articles, DateTimeOffset at, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlySet<string>>(articles.Select(a => a.Article.Id).ToHashSet(StringComparer.Ordinal));

        public Task<IReadOnlyList<StoredArticle>> GetArticlesAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<StoredArticle>>([]);

        public Task<IReadOnlyList<string>> ListUnmatchedArticleIdsAsync(int limit, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>([]);

        public Task MarkArticleMatchedAsync(string id, DateTimeOffset at, CancellationToken ct = default) => Task.CompletedTask;

        public Task<IReadOnlyList<Article>> ListRecentArticlesAsync(int count, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<Article>>([]);
    }
}
