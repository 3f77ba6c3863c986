using Microsoft.Extensions.Options;
using NewsMonitor.Digests;
using NewsMonitor.Feeds;
using NewsMonitor.Matching;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Server.Hosting;

/// <summary>Files given on the command line are merged; with none given, an empty store gets the defaults.</summary>
public sealed class StoreSeeder(StoreImporter importer, IFeedStore feeds, ITermStore terms, ISubscriberStore subscribers, IOptions<SeedOptions> seed)
{
    public async Task<IReadOnlyList<string>> SeedAsync(string? feedsFile, string? watchlistFile, string? subscribersFile, CancellationToken ct)
    {
        var report = new List<string>();
        feedsFile ??= (await feeds.ListFeedsAsync(ct)).Count == 0 ? Default(seed.Value.Feeds) : null;
        if (feedsFile is not null)
        {
            await using var stream = Open(feedsFile);
            var entries = OpmlFile.Read(stream);
            var added = await importer.ImportFeedsAsync(entries, ct);
            report.Add($"feeds: {entries.Count} in {feedsFile} ({added} new)");
        }

        watchlistFile ??= (await terms.ListTermsAsync(ct)).Count == 0 ? Default(seed.Value.Watchlist) : null;
        if (watchlistFile is not null)
        {
            await using var stream = Open(watchlistFile);
            var count = await importer.ImportTermsAsync(await WatchlistFile.ReadAsync(stream, ct), ct);
            report.Add($"watchlist: {count} terms from {watchlistFile}");
        }

        subscribersFile ??= (await subscribers.ListSubscribersAsync(ct)).Count == 0 ? Default(seed.Value.Subscribers) : null;
        if (subscribersFile is not null)
        {
            await using var stream = Open(subscribersFile);
            var count = await importer.ImportSubscribersAsync(await SubscribersFile.ReadAsync(stream, ct), ct);
            report.Add($"subscribers: {count} from {subscribersFile}");
        }

        return report;
    }

    private static string? Default(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    private static FileStream Open(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new FormatException($"cannot read {path}: {e.Message}", e);
        }
    }
}
