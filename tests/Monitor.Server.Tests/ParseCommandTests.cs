using NewsMonitor.Testing;

namespace NewsMonitor.Tests;

/// <summary>The `parse` verb on a URL served by Kestrel on 127.0.0.1: the feed as JSON, or one clear line and exit 1.</summary>
public sealed class ParseCommandTests : IAsyncLifetime
{
    private FeedServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FeedServer.StartAsync();
        server.Serve("fr.xml", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fr.xml")));
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_feed_url_prints_the_normalised_feed()
    {
        var (exit, output, error) = await ParseAsync("fr.xml");

        Assert.True(exit == 0, error);
        Assert.Contains("\"items\"", output);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "redirected to a file: URL")]
    [InlineData("gopher://127.0.0.1:70/", "redirected to a gopher: URL")]
    [InlineData("http://[::1", "redirect with an invalid Location: http://[::1")]
    public async Task A_redirect_to_anything_but_http_is_one_clear_line_and_exit_1(string location, string reason)
    {
        server.Redirect("moved.xml", location);

        var (exit, output, error) = await ParseAsync("moved.xml");

        Assert.Equal((1, ""), (exit, output));
        Assert.Equal($"error: {server.UrlOf("moved.xml").AbsoluteUri}: {reason}", error.TrimEnd());
    }

    private Task<(int Exit, string Output, string Error)> ParseAsync(string path) =>
        Cli.RunAsync("parse", server.UrlOf(path).AbsoluteUri, "--allow-private-addresses");
}
