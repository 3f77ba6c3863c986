using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Feeds;

/// <summary>Credentials in feed URLs never reach an anonymous answer, an error message or a log line.</summary>
public sealed class UrlRedactionTests : LoopbackFeedTest
{
    [Theory]
    [InlineData("https://user:password@feeds.example/rss", "https://***@feeds.example/rss")]
    [InlineData("https://user@feeds.example/rss", "https://***@feeds.example/rss")]
    [InlineData("https://feeds.example/rss?token=abc&page=2", "https://feeds.example/rss?token=***&page=2")]
    [InlineData("https://feeds.example/rss?page=2&API_KEY=abc&Sig=x%2By", "https://feeds.example/rss?page=2&API_KEY=***&Sig=***")]
    [InlineData("https://feeds.example/rss?access_token=a&pwd=b&session=c&code=d&auth=e", "https://feeds.example/rss?access_token=***&pwd=***&session=***&code=***&auth=***")]
    [InlineData("https://feeds.example/rss?subscription-key=a&client_secret=b&q=news", "https://feeds.example/rss?subscription-key=***&client_secret=***&q=news")]
    [InlineData("https://u:p@feeds.example:8443/a@b?key=1#access_token=z", "https://***@feeds.example:8443/a@b?key=***#access_token=***")]
    [InlineData("https://feeds.example/rss?q=token&monkey", "https://feeds.example/rss?q=token&monkey")]
    [InlineData("not a url", "not a url")]
    public void Userinfo_and_secret_parameters_are_masked_and_the_rest_kept(string url, string expected) =>
        Assert.Equal(expected, UrlRedaction.Redact(url));

    [Fact]
    public void Every_url_in_a_message_is_masked() =>
        Assert.Equal(
            "could not fetch https://***@a.example/feed?token=***: redirected to http://b.example/x?sig=*** (gone)",
            UrlRedaction.RedactText("could not fetch https://bob:hunter2@a.example/feed?token=t0k: redirected to http://b.example/x?sig=s1g (gone)"));

    [Fact]
    public async Task A_failing_feed_is_logged_without_its_token()
    {
        var lines = new ConcurrentQueue<string>();
        Services.GetRequiredService<ILoggerFactory>().AddProvider(new ListLoggerProvider(lines));
        var url = Server.UrlOf("gone.xml").AbsoluteUri + "?token=s3cret-t0ken&page=2";
        var feed = new FeedSource { Id = ArticleIdentity.ForFeed(url), Url = url };
        await Services.GetRequiredService<IFeedStore>().UpsertFeedAsync(feed);

        var outcome = await Services.GetRequiredService<PollFeedHandler>().HandleAsync(feed.Id, default);

        Assert.Equal(PollStatus.Failed, outcome.Status);
        var line = Assert.Single(lines, l => l.Contains("gone.xml", StringComparison.Ordinal));
        Assert.Contains("?token=***&page=2", line);
        Assert.DoesNotContain("s3cret", string.Concat(lines));
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
