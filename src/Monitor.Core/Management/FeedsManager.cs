using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>
/// A feed as a client sends it. On update, fields left out keep their value (an empty folder moves the feed to the
/// top level); the URL cannot change (it is the feed's identity). <paramref name="Folder"/> is a folder path such as
/// "News/France" (see <see cref="FeedFolder"/>).
/// </summary>
public sealed record FeedInput(string? Url, string? Title, bool? Enabled, TimeSpan? Interval, string? Folder = null);

/// <summary>A feed with its folder and health: when it last worked, why it last failed, when it is tried next.</summary>
public sealed record FeedView(string Id, string Url, string? Title, string? SiteUrl, string? Folder, bool Enabled, TimeSpan? Interval, FeedHealth Health)
{
    /// <summary>On a feed just added: how it was found from the address given (null elsewhere).</summary>
    public FeedDiscoveryView? Discovery { get; init; }

    public static FeedView Of(FeedSource f) => new(f.Id, f.Url, f.Title, f.SiteUrl, f.Folder, f.Enabled, f.Interval, f.Health);
}

/// <summary>
/// How an added feed was found: the address given, the feed chosen, how (null when the address was the feed), and
/// every feed the page announced, so that a person can add another one instead.
/// </summary>
public sealed record FeedDiscoveryView(string Requested, string Chosen, string? FoundVia, IReadOnlyList<FeedCandidate> Alternatives);

/// <summary>Feeds: list with health, get, add (only a URL that fetches and parses), update, delete, and OPML.</summary>
public sealed class FeedsManager(IFeedStore feeds, FeedDiscovery discovery, StoreImporter importer) : IResourceManager<FeedInput, FeedView>
{
    public string IdOf(FeedView item) => item?.Id ?? "";

    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(7);

    public async Task<Page<FeedView>> ListAsync(PageRequest page, CancellationToken ct) =>
        page.Apply((await feeds.ListFeedsAsync(ct)).Select(FeedView.Of).ToList());

    public async Task<FeedView> GetAsync(string id, CancellationToken ct) => FeedView.Of(await FindAsync(id, ct));

    /// <summary>
    /// Adds a feed after fetching and parsing it once, so a typo is refused with the reason; a web page's address adds
    /// the feed it announces (<see cref="FeedDiscovery"/>), and the answer says which one was chosen.
    /// </summary>
    public async Task<FeedView> CreateAsync(FeedInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Url))
        {
            throw new ApiProblemException(ApiProblem.Invalid("url", "url is required"));
        }

        CheckInterval(input.Interval);
        CheckTitle(input.Title);
        var folder = CheckFolder(input.Folder);
        DiscoveredFeed found;
        try
        {
            found = await discovery.DiscoverAsync(input.Url, ct);
        }
        catch (FeedDiscoveryException e)
        {
            throw new ApiProblemException(ApiProblem.Invalid("url", UrlRedaction.RedactText(e.Message)));
        }

        var url = found.Url;
        var id = ArticleIdentity.ForFeed(url);

        // A feed added by its site's address keeps that address's id after a poll discovers its feed (SiteFeedResolver).
        if (await StoredFeedAddress.FindAsync(feeds, url, exceptId: null, ct) is { } same)
        {
            throw new ApiProblemException(ApiProblem.Conflict("feed", same.Id));
        }

        // No ETag is kept: the first poll must fetch the whole feed to store its articles.
        var feed = new FeedSource
        {
            Id = id,
            Url = url,
            Title = string.IsNullOrWhiteSpace(input.Title) ? found.Parsed.Title?.Trim() : input.Title.Trim(),
            SiteUrl = WebLinks.OrNull(found.Parsed.SiteUrl),
            Enabled = input.Enabled ?? true,
            Interval = input.Interval,
            Folder = folder,
        };

        // Checked again on insert: another client may have added the same feed while this one was fetching it.
        if (!await feeds.TryAddFeedAsync(feed, ct))
        {
            throw new ApiProblemException(ApiProblem.Conflict("feed", id));
        }

        return FeedView.Of(feed) with { Discovery = new FeedDiscoveryView(found.Requested, url, found.FoundVia, found.Alternatives) };
    }

    public async Task<FeedView> UpdateAsync(string id, FeedInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await FindAsync(id, ct);
        if (!string.IsNullOrWhiteSpace(input.Url) && ArticleIdentity.ForFeed(input.Url) is var given && given != id && given != ArticleIdentity.ForFeed(current.Url))
        {
            throw new ApiProblemException(ApiProblem.Invalid("url", "the URL is the feed's identity and cannot change; add the new URL and delete this feed"));
        }

        CheckInterval(input.Interval);
        CheckTitle(input.Title);
        var folder = CheckFolder(input.Folder);
        var updated = current with
        {
            Title = input.Title is null ? current.Title : (input.Title.Trim() is { Length: > 0 } title ? title : null),
            Enabled = input.Enabled ?? current.Enabled,
            Interval = input.Interval ?? current.Interval,
            Folder = input.Folder is null ? current.Folder : folder,
        };
        await feeds.UpsertFeedAsync(updated, ct);
        return FeedView.Of(updated);
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (!await feeds.DeleteFeedAsync(id, ct))
        {
            throw new ApiProblemException(ApiProblem.NotFound("feed", id));
        }
    }

    public async Task<byte[]> ExportOpmlAsync(CancellationToken ct)
    {
        using var stream = new MemoryStream();
        OpmlFile.Write(stream, await feeds.ListFeedsAsync(ct));
        return stream.ToArray();
    }

    /// <summary>
    /// Merges an OPML file (with <paramref name="replace"/>, feeds absent from it are removed). Known feeds keep
    /// their polling state. Feeds are not fetched here: the next poll shows each one's health. All or nothing, as the
    /// watchlist import: the whole file is read before one save.
    /// </summary>
    public async Task<ImportSummary> ImportOpmlAsync(Stream opml, bool replace, CancellationToken ct)
    {
        IReadOnlyList<OpmlFeed> entries;
        try
        {
            entries = OpmlFile.Read(opml);
        }
        catch (FormatException e)
        {
            throw new ApiProblemException(ApiProblem.Invalid(e.Message));
        }

        return await importer.ImportFeedsAsync(entries, replace);
    }

    private async Task<FeedSource> FindAsync(string id, CancellationToken ct) =>
        await feeds.GetFeedAsync(id, ct) ?? throw new ApiProblemException(ApiProblem.NotFound("feed", id));

    private static string? CheckFolder(string? folder)
    {
        try
        {
            return FeedFolder.Normalize(folder);
        }
        catch (FormatException e)
        {
            throw new ApiProblemException(ApiProblem.Invalid("folder", e.Message));
        }
    }

    private static void CheckTitle(string? title)
    {
        if (TextRules.NameProblem("title", title?.Trim()) is { } problem)
        {
            throw new ApiProblemException(ApiProblem.Invalid("title", problem));
        }
    }

    private static void CheckInterval(TimeSpan? interval)
    {
        if (interval is { } value && (value < MinInterval || value > MaxInterval))
        {
            throw new ApiProblemException(ApiProblem.Invalid("interval", $"interval {value} must be between {MinInterval} and {MaxInterval}"));
        }
    }
}
