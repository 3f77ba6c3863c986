using Microsoft.Extensions.Options;
using NewsMonitor.Digests;
using NewsMonitor.Feeds;
using NewsMonitor.Matching;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Server.Hosting;

/// <summary>
/// Files given on the command line are merged, or with "replace" become the whole of their kind (feeds, terms or
/// subscribers absent from the file are removed); with none given, an empty store gets the defaults. Every file is read
/// and checked before any is stored: an unreadable or invalid one (a FormatException naming it, or an
/// InvalidTermException) leaves the store as it was.
/// </summary>
public sealed class StoreSeeder(StoreImporter importer, IFeedStore feeds, ITermStore terms, ISubscriberStore subscribers, IOptions<SeedOptions> seed)
{
    public async Task<IReadOnlyList<string>> SeedAsync(string? feedsFile, string? watchlistFile, string? subscribersFile, CancellationToken ct, bool replace = false)
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
        if (subscriberEntries is not null)
        {
            var stored = replace && termEntries is not null ? [] : (await terms.ListTermsAsync(ct)).Select(t => t.Id);
            CheckFollowedTerms(subscribersFile!, subscriberEntries, stored.Concat(termEntries?.Select(t => t.Id) ?? []).ToHashSet(StringComparer.Ordinal));
        }

        var report = new List<string>();
        if (feedEntries is not null)
        {
            var summary = await importer.ImportFeedsAsync(feedEntries, replace);
            report.Add($"feeds: {feedEntries.Count} in {feedsFile} ({summary.Added} new{Removed(summary)})");
        }

        if (termEntries is not null)
        {
            var summary = await importer.ImportTermsAsync(termEntries, replace);
            report.Add($"watchlist: {termEntries.Count} terms from {watchlistFile}{(summary.Removed > 0 ? $" ({summary.Removed} removed)" : "")}");
        }

        if (subscriberEntries is not null)
        {
            var summary = await importer.ImportSubscribersAsync(subscriberEntries, replace);
            report.Add($"subscribers: {subscriberEntries.Count} from {subscribersFile}{(summary.Removed > 0 ? $" ({summary.Removed} removed)" : "")}");
        }

        return report;
    }

    /// <summary>A subscriber following a term nobody defined would silently get nothing: the file is refused instead.</summary>
    private static void CheckFollowedTerms(string file, IEnumerable<Subscriber> entries, HashSet<string> known)
    {
        foreach (var subscriber in entries)
        {
            var unknown = subscriber.Terms?.Where(t => !known.Contains(t)).ToList() ?? [];
            if (unknown.Count > 0)
            {
                var list = known.Count == 0 ? "no terms are defined" : $"known: {string.Join(", ", known.Order(StringComparer.Ordinal))}";
                throw new FormatException(
                    $"{file}: subscriber '{subscriber.Id}' follows unknown term {string.Join(", ", unknown.Select(t => $"'{t}'"))} ({list}; leave \"terms\" out to follow every term)");
            }
        }
    }

    private static string Removed(ImportSummary summary) => summary.Removed > 0 ? $", {summary.Removed} removed" : "";

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
