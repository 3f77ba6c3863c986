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
        var source = new Argument<string>("source") { Description = "a feed file or an http(s) URL" };
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
            var isUrl = Uri.TryCreate(where, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
            var feed = new FeedSource { Id = ArticleIdentity.ForFeed(where), Url = isUrl ? uri!.AbsoluteUri : new Uri(Path.GetFullPath(where)).AbsoluteUri };
            byte[] body;
            string? contentType = null;
            Uri baseUri = new(feed.Url);
            if (isUrl)
            {
                var fetched = await host.Services.GetRequiredService<FeedFetcher>().FetchAsync(feed, ct);
                if (fetched.Status != FetchStatus.Fetched)
                {
                    await error.WriteLineAsync($"error: {where}: {fetched.Error ?? "not modified"}");
                    return 1;
                }

                body = fetched.Body;
                contentType = fetched.ContentType;
                baseUri = fetched.FinalUri ?? baseUri;
            }
            else if (File.Exists(where))
            {
                body = await File.ReadAllBytesAsync(where, ct);
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
}
