using NewsMonitor.Feeds;

namespace NewsMonitor.Tests.Feeds;

public sealed class FeedFolderTests
{
    [Theory]
    [InlineData(new[] { "News", "France" }, "News/France")]
    [InlineData(new[] { "AC/DC" }, @"AC\/DC")]
    [InlineData(new[] { @"C:\feeds\", "x" }, @"C:\\feeds\\/x")]
    [InlineData(new[] { " Tech ", "", "  ", "EU\tpolicy" }, "Tech/EU policy")]
    public void Folder_titles_join_into_a_path_that_splits_back_into_them(string[] titles, string path)
    {
        Assert.Equal(path, FeedFolder.Join(titles));
        Assert.Equal(titles.Select(t => t.Replace('\t', ' ').Trim()).Where(t => t.Length > 0), FeedFolder.Split(path));
    }

    [Fact]
    public void No_title_is_the_top_level()
    {
        Assert.Null(FeedFolder.Join([]));
        Assert.Null(FeedFolder.Join(["", " "]));
        Assert.Empty(FeedFolder.Split(null));
    }

    [Theory]
    [InlineData("News/France", "News/France")]
    [InlineData("  News /  France / ", "News/France")]
    [InlineData("//Tech//", "Tech")]
    [InlineData(@"AC\/DC", @"AC\/DC")]
    [InlineData("", null)]
    [InlineData("  /  ", null)]
    [InlineData(null, null)]
    public void A_typed_folder_is_made_canonical(string? typed, string? stored) =>
        Assert.Equal(stored, FeedFolder.Normalize(typed));

    [Theory]
    [InlineData("News\nFrance", "control characters")]
    [InlineData("Tech\u0007", "control characters")]
    public void A_folder_with_control_characters_is_refused(string typed, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => FeedFolder.Normalize(typed)).Message);

    [Fact]
    public void A_folder_longer_than_the_limit_is_refused()
    {
        Assert.Equal(new string('a', FeedFolder.MaxLength), FeedFolder.Normalize(new string('a', FeedFolder.MaxLength) + "  "));

        var error = Assert.Throws<FormatException>(() => FeedFolder.Normalize(new string('a', FeedFolder.MaxLength + 1)));

        Assert.Contains("at most 200", error.Message);
    }
}
