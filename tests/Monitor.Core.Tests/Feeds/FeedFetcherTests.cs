using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Feeds;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Feeds;

/// <summary>Fetching against a real HTTP server on 127.0.0.1 that behaves well, then badly, then with hostility.</summary>
public sealed class FeedFetcherTests : LoopbackFeedTest
{
    private const string Rss = "<rss version=\"2.0\"><channel><title>t</title><item><title>a</title><link>https://x.example.com/a</link></item></channel></rss>";
    private FeedFetcher Fetcher => Services.GetRequiredService<FeedFetcher>();

    [Fact]
    public async Task A_second_fetch_sends_the_validators_and_a_304_means_nothing_new()
    {
        Server.ServeConditional("feed.xml", Rss, "\"v1\"", new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        var feed = FeedAt("feed.xml");

        var first = await Fetcher.FetchAsync(feed, default);
        var second = await Fetcher.FetchAsync(feed with { ETag = first.ETag, LastModified = first.LastModified }, default);

        Assert.Equal(FetchStatus.Fetched, first.Status);
        Assert.Equal("\"v1\"", first.ETag);
        Assert.Equal("Fri, 20 Nov 2026 08:00:00 GMT", first.LastModified);
        Assert.Equal(FetchStatus.NotModified, second.Status);
        Assert.Empty(second.Body);
        Assert.Equal("\"v1\"", Server.LastHeaders["/feed.xml"]["if-none-match"]);
        Assert.Equal("Fri, 20 Nov 2026 08:00:00 GMT", Server.LastHeaders["/feed.xml"]["if-modified-since"]);
    }

    [Fact]
    public async Task Last_Modified_alone_is_enough_for_a_304()
    {
        Server.ServeConditional("feed.xml", Rss, "\"v1\"", new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));

        var result = await Fetcher.FetchAsync(FeedAt("feed.xml") with { LastModified = "Fri, 20 Nov 2026 08:00:00 GMT" }, default);

        Assert.Equal(FetchStatus.NotModified, result.Status);
    }

    [Fact]
    public async Task Responses_are_asked_for_compressed_and_decompressed()
    {
        Server.ServeCompressed("feed.xml", Rss);

        var result = await Fetcher.FetchAsync(FeedAt("feed.xml"), default);

        Assert.Equal(Rss, Encoding.UTF8.GetString(result.Body));
        var accepted = Server.LastHeaders["/feed.xml"]["accept-encoding"];
        Assert.Contains("gzip", accepted);
        Assert.Contains("deflate", accepted);
        Assert.Contains("br", accepted);
    }

    [Fact]
    public async Task The_user_agent_names_the_product()
    {
        Server.Serve("feed.xml", Rss);

        await Fetcher.FetchAsync(FeedAt("feed.xml"), default);

        Assert.StartsWith("NewsMonitor/", Server.LastHeaders["/feed.xml"]["user-agent"]);
    }

    [Fact]
    public async Task Redirects_are_followed_up_to_the_limit_and_the_final_URL_is_the_base()
    {
        Server.Redirect("a", "/b", StatusCodes.Status301MovedPermanently);
        Server.Redirect("b", "/c");
        Server.Serve("c", Rss);

        var result = await Fetcher.FetchAsync(FeedAt("a"), default);

        Assert.Equal(FetchStatus.Fetched, result.Status);
        Assert.Equal(Server.UrlOf("c"), result.FinalUri);
    }

    [Fact]
    public async Task A_redirect_loop_ends_after_five_redirects_with_a_clear_error()
    {
        Server.Redirect("loop", "/loop");

        var result = await Fetcher.FetchAsync(FeedAt("loop"), default);

        Assert.Equal("HTTP 302: too many redirects (more than 5)", result.Error);
        Assert.Equal(6, Server.Requests.Count(r => r == "GET /loop"));
    }

    [Theory]
    [InlineData("file:///etc/passwd", "redirected to a file: URL")]
    [InlineData("FILE:///etc/passwd", "redirected to a file: URL")]
    [InlineData("gopher://127.0.0.1:{port}/feed.xml", "redirected to a gopher: URL")]
    [InlineData("ftp://127.0.0.1:{port}/feed.xml", "redirected to a ftp: URL")]
    [InlineData("data:application/rss+xml,<rss/>", "redirected to a data: URL")]
    [InlineData("javascript:alert(1)", "redirected to a javascript: URL")]
    [InlineData("http://[::1", "redirect with an invalid Location: http://[::1")]
    [InlineData("http://exa mple.com:99999/", "redirect with an invalid Location: http://exa mple.com:99999/")]
    public async Task A_redirect_to_anything_but_http_or_to_an_unparsable_location_is_a_clear_failure(string location, string error)
    {
        Server.Redirect("feed.xml", location.Replace("{port}", Server.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), StatusCodes.Status301MovedPermanently);

        var result = await Fetcher.FetchAsync(FeedAt("feed.xml"), default);

        Assert.Equal((FetchStatus.Failed, error), (result.Status, result.Error));
        Assert.Equal(["GET /feed.xml"], Server.Requests);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/", "169.254.169.254")]
    [InlineData("http://10.0.0.1/admin", "10.0.0.1")]
    [InlineData("http://[fd00:ec2::254]/latest/", "fd00:ec2::254")]
    [InlineData("http://[::ffff:192.168.1.1]/", "::ffff:192.168.1.1")]
    public async Task A_redirect_into_the_private_network_is_refused_even_with_loopback_allowed(string target, string host)
    {
        Server.Redirect("feed.xml", target);

        var result = await Fetcher.FetchAsync(FeedAt("feed.xml"), default);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith($"refused: {host} is a private", result.Error);
    }

    [Fact]
    public async Task Loopback_is_refused_unless_configuration_allows_it_and_nothing_is_sent()
    {
        Server.Serve("feed.xml", Rss);
        await using var strict = ServicesWith(new Dictionary<string, string?>(), allowLoopback: false);

        var result = await strict.GetRequiredService<FeedFetcher>().FetchAsync(FeedAt("feed.xml"), default);

        Assert.StartsWith("refused: 127.0.0.1 is a private, loopback, link-local or metadata address", result.Error);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out()
    {
        Server.NeverAnswer("feed.xml");

        await using var impatient = ServicesWith(FeedServices.ShortTimeout);

        var result = await impatient.GetRequiredService<FeedFetcher>().FetchAsync(FeedAt("feed.xml"), default);

        Assert.Equal("timed out after 1 s", result.Error);
    }

    [Fact]
    public async Task A_server_that_sends_forever_is_cut_at_the_size_cap()
    {
        Server.SendForever("feed.xml");

        var result = await Fetcher.FetchAsync(FeedAt("feed.xml"), default);

        Assert.Equal("too large: more than 65536 bytes", result.Error);
    }

    [Fact]
    public async Task A_server_that_trickles_forever_under_the_cap_times_out()
    {
        Server.SendForever("feed.xml", TimeSpan.FromMilliseconds(50));

        await using var impatient = ServicesWith(FeedServices.ShortTimeout);

        var result = await impatient.GetRequiredService<FeedFetcher>().FetchAsync(FeedAt("feed.xml"), default);

        Assert.Equal("timed out after 1 s", result.Error);
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_before_reading()
    {
        Server.Handle("feed.xml", context =>
        {
            context.Response.ContentLength = 10_000_000;
            return context.Response.Body.FlushAsync();
        });

        var result = await Fetcher.FetchAsync(FeedAt("feed.xml"), default);

        Assert.Equal("too large: 10000000 bytes (limit 65536)", result.Error);
    }

    [Fact]
    public async Task A_compression_bomb_is_cut_at_the_size_cap_after_decompression()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(new byte[20_000_000]);
        }

        Server.ServeBytes("feed.xml", compressed.ToArray(), "application/rss+xml", new Dictionary<string, string> { ["Content-Encoding"] = "gzip" });

        var result = await Fetcher.FetchAsync(FeedAt("feed.xml"), default);

        Assert.True(compressed.Length < 65536);
        Assert.Equal("too large: more than 65536 bytes", result.Error);
    }

    [Fact]
    public async Task HTTP_errors_are_named_by_their_status()
    {
        var result = await Fetcher.FetchAsync(FeedAt("missing.xml"), default);

        Assert.Equal("HTTP 404", result.Error);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task Too_many_requests_honours_Retry_After_in_seconds()
    {
        Server.Handle("feed.xml", context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });

        var result = await Fetcher.FetchAsync(FeedAt("feed.xml"), default);

        Assert.Equal("HTTP 429 (asked to retry after 120 s)", result.Error);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task Service_unavailable_honours_Retry_After_as_an_HTTP_date()
    {
        Server.Handle("feed.xml", context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "Mon, 23 Nov 2026 12:00:00 GMT";
            return Task.CompletedTask;
        });

        var result = await Fetcher.FetchAsync(FeedAt("feed.xml"), default);

        Assert.Equal(TimeSpan.FromHours(2), result.RetryAfter);
        Assert.Equal("HTTP 503 (asked to retry after 7200 s)", result.Error);
    }

    [Fact]
    public async Task Freshness_comes_from_max_age_or_from_Expires_against_the_server_date()
    {
        Server.ServeBytes("max-age.xml", Encoding.UTF8.GetBytes(Rss), "application/rss+xml", new Dictionary<string, string> { ["Cache-Control"] = "public, max-age=3600" });
        Server.ServeBytes("expires.xml", Encoding.UTF8.GetBytes(Rss), "application/rss+xml", new Dictionary<string, string>
        {
            ["Date"] = "Mon, 23 Nov 2026 10:00:00 GMT",
            ["Expires"] = "Mon, 23 Nov 2026 10:30:00 GMT",
        });

        Assert.Equal(TimeSpan.FromHours(1), (await Fetcher.FetchAsync(FeedAt("max-age.xml"), default)).FreshFor);
        Assert.Equal(TimeSpan.FromMinutes(30), (await Fetcher.FetchAsync(FeedAt("expires.xml"), default)).FreshFor);
    }

    [Fact]
    public async Task A_closed_port_is_reported_as_refused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Fetcher.FetchAsync(new FeedSource { Id = "f", Url = $"http://127.0.0.1:{port}/feed.xml" }, default);

        Assert.Equal("connection refused or unreachable", result.Error);
    }

    [Fact]
    public async Task A_host_that_never_completes_the_connection_fails_at_the_connect_timeout()
    {
        // A listener whose accept queue is full: the kernel drops further connection attempts unanswered.
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var filler = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await filler.ConnectAsync(IPAddress.Loopback, port);
        await using var patient = ServicesWith(new Dictionary<string, string?> { ["Feeds:ConnectTimeout"] = "00:00:01", ["Feeds:Timeout"] = "00:00:30" });

        var result = await patient.GetRequiredService<FeedFetcher>().FetchAsync(new FeedSource { Id = "f", Url = $"http://127.0.0.1:{port}/feed.xml" }, default);

        Assert.Equal("could not connect within 1 s", result.Error);
    }

    [Fact]
    public async Task Only_http_and_https_are_fetched()
    {
        var result = await Fetcher.FetchAsync(new FeedSource { Id = "f", Url = "file:///etc/passwd" }, default);

        Assert.Equal("not an http(s) URL: file:///etc/passwd", result.Error);
    }

    [Fact]
    public async Task One_host_gets_at_most_the_per_host_number_of_requests_at_once()
    {
        var inFlight = 0;
        var mostAtOnce = 0;
        var arrivals = System.Threading.Channels.Channel.CreateUnbounded<int>();
        using var release = new SemaphoreSlim(0);
        Server.Handle("slow.xml", async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostAtOnce, now);
            await arrivals.Writer.WriteAsync(now);
            await release.WaitAsync();
            Interlocked.Decrement(ref inFlight);
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync(Rss);
        });
        await using var polite = ServicesWith(new Dictionary<string, string?> { ["Feeds:MaxConcurrencyPerHost"] = "2", ["Feeds:Timeout"] = "00:00:30" });
        var fetcher = polite.GetRequiredService<FeedFetcher>();

        var fetches = Enumerable.Range(0, 6).Select(i => fetcher.FetchAsync(new FeedSource { Id = $"f{i}", Url = Server.UrlOf("slow.xml").AbsoluteUri }, default)).ToList();
        for (var arrived = 0; arrived < 6; arrived++)
        {
            await arrivals.Reader.ReadAsync();
            if (arrived >= 1)
            {
                release.Release();
            }
        }

        release.Release();
        var results = await Task.WhenAll(fetches);

        Assert.All(results, r => Assert.Equal(FetchStatus.Fetched, r.Status));
        Assert.Equal(2, mostAtOnce);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private FeedSource FeedAt(string path) => new() { Id = path, Url = Server.UrlOf(path).AbsoluteUri };
}
