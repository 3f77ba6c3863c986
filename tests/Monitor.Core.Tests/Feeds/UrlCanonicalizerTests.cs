using NewsMonitor.Feeds;

namespace NewsMonitor.Tests.Feeds;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("https://News.Example.com/a/B?utm_source=rss&id=3#comments", "https://news.example.com/a/B?id=3")]
    [InlineData("https://news.example.com:443/a?b=2&a=1&xtor=RSS-3&fbclid=abc", "https://news.example.com/a?a=1&b=2")]
    [InlineData("http://news.example.com:8080/a?", "http://news.example.com:8080/a")]
    public void Canonical_form(string url, string expected) => Assert.Equal(expected, UrlCanonicalizer.Canonicalize(new Uri(url)));

    [Theory]
    [InlineData("https://news.example.com/a?id=1", "http://NEWS.example.com/a?id=1&utm_medium=feed")]
    [InlineData("https://news.example.com/a?x=1&y=2", "https://news.example.com/a?y=2&x=1#top")]
    public void One_article_one_id(string a, string b) => Assert.Equal(ArticleIdentity.ForUrl(new Uri(a)), ArticleIdentity.ForUrl(new Uri(b)));

    [Theory]
    [InlineData("https://news.example.com/a?id=1", "https://news.example.com/a?id=2")]
    [InlineData("https://news.example.com/A", "https://news.example.com/a")]
    [InlineData("https://news.example.com/a", "https://other.example.com/a")]
    public void Different_articles_different_ids(string a, string b) => Assert.NotEqual(ArticleIdentity.ForUrl(new Uri(a)), ArticleIdentity.ForUrl(new Uri(b)));

    [Fact]
    public void Numbered_GUIDs_of_two_feeds_do_not_collide() => Assert.NotEqual(ArticleIdentity.ForGuid("feed-a", "1"), ArticleIdentity.ForGuid("feed-b", "1"));
}
