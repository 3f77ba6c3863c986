using Microsoft.Extensions.Options;
using NewsMonitor.Digests;
using NewsMonitor.Feeds;
using NewsMonitor.Matching;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Server.Hosting;

/// <summary>
/// Files given on the command line are merged; with none given, an empty store gets the defaults. Every file is read
/// and checked before any is stored: an unreadable or invalid one (a FormatException naming it, or an
/// InvalidTermException) leaves the store as it was.
/// </summary>
public sealed class StoreSeeder(StoreImporter importer, IFeedStore feeds, ITermStore terms, ISubscriberStore subscribers, IOptions<SeedOptions> seed)
{
    public async Task<IReadOnlyList<string>> SeedAsync(string? feedsFile, string? watchlistFile, string? subscribersFile, CancellationToken ct)
    {
        feedsFile ??= (await feeds.ListFeedsAsync(ct)).Count == 0 ? Default(seed.Value.Feeds) : null;
        watchlistFile ??= (await terms.ListTermsAsync(ct)).Count == 0 ? Default(seed.Value.Watchlist) : null;
        subscribersFile ??= (await subscribers.ListSubscribersAsync(ct)).Count == 0 ? Default(seed.Value.Subscribers) : null;

        var feedEntries = feedsFile is null ? null : await ReadAsync(feedsFile, stream => Task.FromResult(OpmlFile.Read(stream)));
        var termEntries = watchlistFile is null ? null : await ReadAsync(watchlistFile, stream => WatchlistFile.ReadAsync(stream, ct));
        if (termEntries is not null)
        {
            StoreImporter.CheckTerms(termEntries);
        }

        var subscriberEntries = subscribersFile is null ? null : await ReadAsync(subscribersFile, stream => SubscribersFile.ReadAsync(stream, ct));

        var report = new List<string>();
        if (feedEntries is not null)
        {
            var summary = await importer.ImportFeedsAsync(feedEntries, replace: false);
            report.Add($"feeds: {feedEntries.Count} in {feedsFile} ({summary.Added} new)");
        }

        if (termEntries is not null)
        {
            await importer.ImportTermsAsync(termEntries, replace: false);
            report.Add($"watchlist: {termEntries.Count} terms from {watchlistFile}");
        }

        if (subscriberEntries is not null)
        {
            await importer.ImportSubscribersAsync(subscriberEntries);
            report.Add($"subscribers: {subscriberEntries.Count} from {subscribersFile}");
        }

        return report;
    }

    private static string? Default(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    private static async Task<T> ReadAsync<T>(string path, Func<Stream, Task<T>> read)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await read(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"cannot read {path}: {e.Message}", e);
        }
    }
}
