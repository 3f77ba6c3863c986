using System.Globalization;
using NewsMonitor.Feeds;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Feeds;

/// <summary>
/// The corpus in Feeds/Corpus: small feeds written for this project, one trait each (format and version, namespace
/// module, encoding, entity, date shape, broken markup), and in expected.tsv what a reader must get from each: the
/// number of items and the first item's title, link, date and summary as the monitor stores them.
/// </summary>
public sealed class FeedCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Feeds", "Corpus");
    private readonly FeedParser parser = new();
    private readonly ArticleNormaliser normaliser = new();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var row in Rows())
        {
            data.Add(row[0]);
        }

        return data;
    }

    [Fact]
    public void The_table_lists_every_file_of_the_corpus_and_there_are_at_least_150()
    {
        var listed = Rows().Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        var present = Directory.GetFiles(Folder).Select(Path.GetFileName).Where(n => n is not "expected.tsv" and not "README.md").ToHashSet(StringComparer.Ordinal);

        Assert.Equal(present.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.True(listed.Count >= 150, $"{listed.Count} files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_feed_gives_its_items_and_the_first_items_title_link_date_and_text(string file)
    {
        var row = Rows().Single(r => r[0] == file);
        var baseUri = new Uri("https://corpus.example/feeds/" + file);

        var parsed = parser.Parse(File.ReadAllBytes(Path.Combine(Folder, file)), Cell(row[1]), baseUri);

        Assert.Equal(int.Parse(row[2], CultureInfo.InvariantCulture), parsed.Items.Count);
        if (parsed.Items.Count == 0)
        {
            return;
        }

        var source = new FeedSource { Id = "corpus", Url = baseUri.AbsoluteUri, SiteUrl = parsed.SiteUrl };
        var article = normaliser.Normalise(parsed.Items[0], source, parsed.Title, baseUri, DateTimeOffset.UnixEpoch);
        Assert.NotNull(article);
        Assert.Equal(
            (Cell(row[3]) ?? "", Cell(row[4]), Cell(row[5]) is { } date ? DateTimeOffset.Parse(date, CultureInfo.InvariantCulture) : (DateTimeOffset?)null, Cell(row[6]) ?? ""),
            (article.Title, article.Url, article.Published, article.Summary));
    }

    private static string? Cell(string cell) => cell == "-" ? null : cell;

    private static IEnumerable<string[]> Rows() =>
        File.ReadLines(Path.Combine(Folder, "expected.tsv")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'));
}
