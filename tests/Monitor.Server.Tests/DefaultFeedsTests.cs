using NewsMonitor.Feeds;

namespace NewsMonitor.Tests;

public sealed class DefaultFeedsTests
{
    [Fact]
    public void The_default_feeds_come_filed_by_language()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "defaults", "feeds.opml"));

        var feeds = OpmlFile.Read(file);

        Assert.Equal(13, feeds.Count);
        Assert.Equal(["Français", "English"], feeds.Select(f => f.Folder).Distinct());
        Assert.Contains(feeds, f => f is { Title: "Numerama", Folder: "Français" });
        Assert.Contains(feeds, f => f is { Title: "The Register", Folder: "English" });
    }
}
