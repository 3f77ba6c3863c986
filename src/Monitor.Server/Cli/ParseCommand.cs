using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Feeds;
using NewsMonitor.Server.Hosting;
using NewsMonitor.Storage;

namespace NewsMonitor.Server.Cli;

/// <summary>`parse FILE|URL`: the feed as the monitor sees it after parsing and normalising, as JSON.</summary>
public static class ParseCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var source = new Argument<string>("source") { Description = "a feed file, a feed's URL, or a web page's (its feed is found)" };
        var allowPrivate = new Option<bool>("--allow-private-addresses") { Description = "allow URLs on loopback and private networks" };
        var command = new Command("parse", "Print a feed's title and normalised items as JSON") { source, allowPrivate };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(allowPrivate))
            {
                overrides["Feeds:AllowPrivateAddresses"] = "true";
            }

            using var host = MonitorHost.BuildCli(MonitorCli.SettingArgs(parse), overrides);
            var where = parse.GetValue(source)!;
            byte[] body;
            string? contentType = null;
            FeedSource feed;
            Uri baseUri;
            if (File.Exists(where))
            {
                feed = new FeedSource { Id = ArticleIdentity.ForFeed(where), Url = new Uri(Path.GetFullPath(where)).AbsoluteUri };
                baseUri = new Uri(feed.Url);
                body = await File.ReadAllBytesAsync(where, ct);
            }
            else if (LooksLikeWebAddress(where))
            {
                DiscoveredFeed found;
                try
                {
                    found = await host.Services.GetRequiredService<FeedDiscovery>().DiscoverAsync(where, ct);
                }
                catch (FeedDiscoveryException e)
                {
                    await error.WriteLineAsync($"error: {where}: {e.Reason}");
                    return 1;
                }

                if (found.FoundVia is not null)
                {
                    await error.WriteLineAsync($"feed: {found.Url} ({found.FoundVia})");
                    foreach (var other in found.Alternatives.Where(a => a.Url != found.Url))
                    {
                        await error.WriteLineAsync($"also offered: {other.Url}{(other.Title is null ? "" : $" ({other.Title})")}");
                    }
                }

                feed = new FeedSource { Id = ArticleIdentity.ForFeed(found.Url), Url = found.Url };
                body = found.Fetched.Body;
                contentType = found.Fetched.ContentType;
                baseUri = found.Fetched.DocumentUri ?? new Uri(found.Url);
            }
            else
            {
                await error.WriteLineAsync($"error: {where}: no such file");
                return 1;
            }

            try
            {
                var parsed = host.Services.GetRequiredService<FeedParser>().Parse(body, contentType, baseUri);
                var normaliser = host.Services.GetRequiredService<ArticleNormaliser>();
                var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
                var items = parsed.Items
                    .Select(i => normaliser.Normalise(i, feed, parsed.Title, baseUri, now))
                    .OfType<Article>()
                    .Select(a => new { a.Id, a.Url, a.Title, a.Summary, Published = a.Published?.UtcDateTime });
                await output.WriteLineAsync(JsonSerializer.Serialize(new { parsed.Title, Items = items }, Json));
                return 0;
            }
            catch (FeedParseException e)
            {
                await error.WriteLineAsync($"error: {where}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>A URL, or a host name such as www.example.org/feed; "missing.xml" is a file name.</summary>
    private static bool LooksLikeWebAddress(string where)
    {
        if (where.Contains("://", StringComparison.Ordinal))
        {
            return true;
        }

        var host = where.Split('/')[0].Split(':')[0];
        var lastLabel = host[(host.LastIndexOf('.') + 1)..];
        var ipv4 = System.Net.IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && host.Count(c => c == '.') == 3;
        return ipv4 || (host.Contains('.', StringComparison.Ordinal) && lastLabel.Length >= 2 && lastLabel.All(char.IsAsciiLetter)
            && !FileExtensions.Contains(lastLabel, StringComparer.OrdinalIgnoreCase));
    }

    private static readonly string[] FileExtensions = ["xml", "json", "rss", "atom", "rdf", "txt", "opml", "html", "htm"];
}
