using NewsMonitor.Feeds.Stories;
using NewsMonitor.Storage;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;
using Xunit.Abstractions;

namespace NewsMonitor.Tests.Feeds;

/// <summary>
/// Story clustering measured on the fixture set: pairwise precision and recall of "same story key",
/// printed for the record (docs/benchmarks.md) and held to a floor so a regression fails. The set includes
/// what a word-pair method cannot see (full paraphrases, a one-line brief), so recall cannot reach 1.
/// </summary>
public sealed class StoryClusteringTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory temp = new();
    private readonly StoryFixtures fixtures = StoryFixtures.Load();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Versions_of_one_story_share_a_key_and_different_stories_do_not(int shuffleSeed)
    {
        var random = new Random(shuffleSeed);
        var order = shuffleSeed == 0 ? fixtures.Items.ToList() : fixtures.Items.OrderBy(_ => random.Next()).ToList();

        using var index = new StoryIndex(new SqliteArticleStore(new SqliteDatabase(temp.Combine($"s{shuffleSeed}.db"))), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
        var keys = new Dictionary<StoryFixtures.Item, string>();
        foreach (var item in order)
        {
            keys[item] = index.Assign(ArticleOf(item));
        }

        var (precision, recall, falsePairs) = Score(fixtures.Pairs().Select(p => (p.Same, keys[p.A] == keys[p.B])));
        output.WriteLine($"clustering (order {shuffleSeed}): precision {precision:0.000}, recall {recall:0.000}, {fixtures.Items.Count} articles, {fixtures.Items.Select(i => i.Story).Distinct().Count()} stories");
        foreach (var line in falsePairs)
        {
            output.WriteLine(line);
        }

        Assert.True(precision >= 0.95, $"precision {precision:0.000}");
        Assert.True(recall >= 0.7, $"recall {recall:0.000}");
    }

    [Fact]
    public void The_pairwise_test_alone_separates_same_and_different_stories()
    {
        var signatures = fixtures.Items.ToDictionary(i => i, i => StorySignature.Of(i.Title, i.Text, ""));
        var decisions = fixtures.Pairs().Select(p => (p.Same, StoryIndex.IsSameStory(signatures[p.A], signatures[p.B], sameFeed: false))).ToList();

        var (precision, recall, _) = Score(decisions);
        var positives = fixtures.Pairs().Where(p => p.Same).Select(p => signatures[p.A].Jaccard(signatures[p.B])).ToList();
        var negatives = fixtures.Pairs().Where(p => !p.Same).Select(p => signatures[p.A].Jaccard(signatures[p.B])).ToList();
        output.WriteLine($"pairs: {positives.Count} same-story, {negatives.Count} different; precision {precision:0.000}, recall {recall:0.000}");
        output.WriteLine($"Jaccard: same-story min {positives.Min():0.00} median {Median(positives):0.00}; different max {negatives.Max():0.00}");
        foreach (var (a, b, same) in fixtures.Pairs().Where(p => p.Same != StoryIndex.IsSameStory(signatures[p.A], signatures[p.B], false)))
        {
            output.WriteLine($"  {(same ? "missed" : "merged")} {a.Story}/{a.Outlet} ~ {b.Story}/{b.Outlet}: Jaccard {signatures[a].Jaccard(signatures[b]):0.00}, containment {signatures[a].Containment(signatures[b]):0.00}");
        }

        Assert.True(precision >= 0.95, $"precision {precision:0.000}");
        Assert.True(recall >= 0.7, $"recall {recall:0.000}");
    }

    [Fact]
    public void Within_one_feed_only_near_copies_share_a_story()
    {
        var (original, retold) = fixtures.FirstPair();
        var a = StorySignature.Of(original.Title, original.Text, "");
        var b = StorySignature.Of(retold.Title, retold.Text, "");
        var copy = StorySignature.Of(original.Title + " (updated)", original.Text, "");

        Assert.True(StoryIndex.IsSameStory(a, b, sameFeed: false));
        Assert.False(StoryIndex.IsSameStory(a, b, sameFeed: true));
        Assert.True(StoryIndex.IsSameStory(a, copy, sameFeed: true));
    }

    [Fact]
    public void Articles_too_short_to_judge_are_stories_of_their_own()
    {
        var a = StorySignature.Of("Live: markets today", "", "");
        var b = StorySignature.Of("Live: markets today", "", "");

        Assert.False(a.IsUsable);
        Assert.False(StoryIndex.IsSameStory(a, b, sameFeed: false));
    }

    [Fact]
    public void Forgotten_and_evicted_articles_are_no_longer_found_and_the_index_keeps_finding_the_rest()
    {
        var (original, retold) = fixtures.FirstPair();
        using var index = new StoryIndex(new SqliteArticleStore(new SqliteDatabase(temp.Combine("evict.db"))), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));

        var first = index.Assign(ArticleOf(original));
        index.Forget(ArticleOf(original).Id);
        Assert.Equal(ArticleOf(retold).Id, index.Assign(ArticleOf(retold)));
        index.Forget(ArticleOf(retold).Id);
        Assert.Equal(first, index.Assign(ArticleOf(original)));

        // More articles than the index holds: the original is evicted (and the buckets rebuilt on the way).
        var random = new Random(3);
        var fillers = Enumerable.Range(0, StoryIndex.Capacity + 5_000).Select(i => Filler(i, random)).ToList();
        foreach (var filler in fillers)
        {
            index.Assign(filler);
        }

        Assert.Equal(StoryIndex.Capacity, index.Count);
        Assert.Equal(ArticleOf(retold).Id, index.Assign(ArticleOf(retold)));
        var last = fillers[^1];
        Assert.Equal(last.Id, index.Assign(last with { Id = "retold-last", FeedId = "other-outlet", Title = "Another headline" }));
    }

    /// <summary>A story of its own: forty words drawn from a large vocabulary.</summary>
    private static Article Filler(int number, Random random) => new()
    {
        Id = $"filler-{number}",
        FeedId = $"outlet-{number % 50}",
        Url = $"https://outlet.example/{number}",
        Title = $"Story {number}",
        Summary = string.Join(' ', Enumerable.Range(0, 40).Select(_ => $"w{random.Next(100_000)}")),
        FetchedAt = Now,
    };

    private static Article ArticleOf(StoryFixtures.Item item) => new()
    {
        Id = $"{item.Outlet}/{item.Story}/{item.Title.GetHashCode(StringComparison.Ordinal):x}",
        FeedId = item.Outlet,
        Url = $"https://{item.Outlet}.example/{item.Story}",
        Title = item.Title,
        Summary = item.Text,
        FetchedAt = Now,
    };

    private static (double Precision, double Recall, List<string> Errors) Score(IEnumerable<(bool Same, bool Predicted)> decisions)
    {
        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        foreach (var (same, predicted) in decisions)
        {
            truePositive += same && predicted ? 1 : 0;
            falsePositive += !same && predicted ? 1 : 0;
            falseNegative += same && !predicted ? 1 : 0;
        }

        var precision = truePositive + falsePositive == 0 ? 1 : (double)truePositive / (truePositive + falsePositive);
        var recall = truePositive + falseNegative == 0 ? 1 : (double)truePositive / (truePositive + falseNegative);
        return (precision, recall, [$"true positives {truePositive}, false positives {falsePositive}, false negatives {falseNegative}"]);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
