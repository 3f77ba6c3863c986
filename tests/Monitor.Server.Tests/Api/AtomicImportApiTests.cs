using System.Net;
using System.Text;
using NewsMonitor.Management;
using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Api;

/// <summary>
/// Imports are all or nothing: a client that resets its connection while sending the body changes nothing, and one
/// that goes away once the body is sent does not cut the import short (it is applied whole).
/// </summary>
public sealed class AtomicImportApiTests
{
    private static readonly WatchTerm[] Seeded =
    [
        new() { Id = "mistral", Name = "Mistral", Query = "Mistral" },
        new() { Id = "aiact", Name = "AI Act", Query = "\"AI Act\"" },
    ];

    [Fact]
    public async Task A_watchlist_import_whose_client_resets_mid_body_changes_nothing()
    {
        await using var host = await ApiHost.StartAsync(kestrel: true);
        await host.SeedTermsAsync(Seeded);
        var body = Encoding.UTF8.GetBytes(WatchlistFile.ToJson(ManyTerms(3000)));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.Client.PutAsync("/api/watchlist?replace=true", CutAt(body, body.Length / 2)));

        Assert.Equal(Seeded, await host.Get<ITermStore>().ListTermsAsync());
        using var after = await host.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task An_opml_replace_whose_client_resets_mid_body_removes_nothing()
    {
        await using var host = await ApiHost.StartAsync(kestrel: true);
        var kept = Enumerable.Range(0, 300).Select(i => new FeedSource { Id = $"old{i}", Url = $"https://old{i}.example/feed" }).ToList();
        await host.Get<IFeedStore>().UpsertFeedsAsync(kept);
        var body = Opml(10_001);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.Client.PutAsync("/api/feeds/opml?replace=true", CutAt(body, body.Length / 2)));

        Assert.Equal(kept.Select(f => f.Id).Order(StringComparer.Ordinal), (await host.Get<IFeedStore>().ListFeedsAsync()).Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_watchlist_import_whose_client_goes_away_once_the_body_is_read_is_applied_whole()
    {
        await using var host = await ApiHost.StartAsync();
        await host.SeedTermsAsync(Seeded);
        using var gone = new CancellationTokenSource();
        await using var body = new CancelAtEnd(Encoding.UTF8.GetBytes(WatchlistFile.ToJson(ManyTerms(3000))), gone);

        var summary = await host.Get<TermsManager>().ImportAsync(body, replace: true, gone.Token);

        Assert.True(gone.IsCancellationRequested);
        Assert.Equal((3000, 0, 2), (summary.Added, summary.Updated, summary.Removed));
        Assert.Equal(ManyTerms(3000).Select(t => t.Id), (await host.Get<ITermStore>().ListTermsAsync()).Select(t => t.Id));
    }

    [Fact]
    public async Task An_opml_replace_whose_client_goes_away_once_the_body_is_read_is_applied_whole()
    {
        await using var host = await ApiHost.StartAsync();
        await host.Get<IFeedStore>().UpsertFeedsAsync([new FeedSource { Id = "old", Url = "https://old.example/feed" }]);
        using var gone = new CancellationTokenSource();
        await using var body = new CancelAtEnd(Opml(2000), gone);

        var summary = await host.Get<FeedsManager>().ImportOpmlAsync(body, replace: true, gone.Token);

        Assert.Equal((2000, 0, 1), (summary.Added, summary.Updated, summary.Removed));
        Assert.Equal(2000, (await host.Get<IFeedStore>().ListFeedsAsync()).Count);
    }

    private static List<WatchTerm> ManyTerms(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new WatchTerm { Id = $"t{i:0000}", Name = $"Term {i}", Query = $"word{i}" })];

    private static byte[] Opml(int feeds) => Encoding.UTF8.GetBytes(
        "<opml version=\"2.0\"><body>"
        + string.Concat(Enumerable.Range(0, feeds).Select(i => $"<outline text=\"F{i}\" xmlUrl=\"https://{i}.example/feed\"/>"))
        + "</body></opml>");

    /// <summary>A body whose sender fails part-way, as a client whose connection is reset: the request is aborted.</summary>
    private static StreamContent CutAt(byte[] body, int cut) => new(new FailingAfter(body, cut));

    private sealed class FailingAfter(byte[] body, int cut) : MemoryStream(body, 0, cut)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken);
            return read > 0 ? read : throw new IOException("connection reset by the client (test)");
        }

        public override bool CanSeek => false;
    }

    /// <summary>The whole body, then the request's token is cancelled: the client left right after sending it.</summary>
    private sealed class CancelAtEnd(byte[] body, CancellationTokenSource gone) : MemoryStream(body)
    {
        public override int Read(Span<byte> buffer) => Cancelling(base.Read(buffer));

        public override int Read(byte[] buffer, int offset, int count) => Cancelling(base.Read(buffer, offset, count));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        private int Cancelling(int read)
        {
            if (Position == Length)
            {
                gone.Cancel();
            }

            return read;
        }
    }
}
