using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsMonitor.Server.Hosting;
using NewsMonitor.Storage;

namespace NewsMonitor.Server.Cli;

/// <summary>
/// `feeds|terms|subscribers list|remove`: what the store holds, one line each, and removing one entry by id, on the
/// same store `run-once` and `serve` use (the embedded one in --data, or Azure with Storage:Provider=azure).
/// </summary>
public static class StoreCommands
{
    public static IEnumerable<Command> Create(TextWriter output, TextWriter error)
    {
        yield return Verb("feeds", "feed", output, error,
            async (services, ct) => (await services.GetRequiredService<IFeedStore>().ListFeedsAsync(ct))
                .OrderBy(f => f.Folder ?? "", StringComparer.Ordinal).ThenBy(f => f.Url, StringComparer.Ordinal)
                .Select(Line),
            (services, id, ct) => RemoveFeedAsync(services.GetRequiredService<IFeedStore>(), id, ct));
        yield return Verb("terms", "term", output, error,
            async (services, ct) => (await services.GetRequiredService<ITermStore>().ListTermsAsync(ct))
                .OrderBy(t => t.Id, StringComparer.Ordinal)
                .Select(t => $"{t.Id}\t{t.Name}\t{t.Query}{(t.Enabled ? "" : "\t(disabled)")}"),
            (services, id, ct) => services.GetRequiredService<ITermStore>().DeleteTermAsync(id, ct));
        yield return Verb("subscribers", "subscriber", output, error,
            async (services, ct) => (await services.GetRequiredService<ISubscriberStore>().ListSubscribersAsync(ct))
                .OrderBy(s => s.Id, StringComparer.Ordinal)
                .Select(s => $"{s.Id}\t{s.Email}\t{s.Cadence.ToString().ToLowerInvariant()}\t{(s.Terms is null ? "every term" : string.Join(",", s.Terms))}{(s.State == SubscriberState.Active ? "" : $"\t({s.State.ToString().ToLowerInvariant()})")}"),
            (services, id, ct) => services.GetRequiredService<ISubscriberStore>().DeleteSubscriberAsync(id, ct));
    }

    private static Command Verb(
        string name,
        string singular,
        TextWriter output,
        TextWriter error,
        Func<IServiceProvider, CancellationToken, Task<IEnumerable<string>>> list,
        Func<IServiceProvider, string, CancellationToken, Task<bool>> remove)
    {
        var listCommand = new Command("list", $"Print the {name} in the store, one a line (tab-separated)") { DataOption() };
        listCommand.TreatUnmatchedTokensAsErrors = false;
        listCommand.SetAction(async (parse, ct) =>
        {
            using var host = Host(parse);
            var lines = (await list(host.Services, ct)).ToList();
            foreach (var line in lines)
            {
                await output.WriteLineAsync(line);
            }

            await error.WriteLineAsync($"{lines.Count} {(lines.Count == 1 ? singular : name)}");
            return 0;
        });

        var id = new Argument<string>("id") { Description = name == "feeds" ? "the feed's id or URL" : $"the {singular}'s id" };
        var removeCommand = new Command("remove", $"Remove one {singular} from the store") { id, DataOption() };
        removeCommand.TreatUnmatchedTokensAsErrors = false;
        removeCommand.SetAction(async (parse, ct) =>
        {
            using var host = Host(parse);
            var given = parse.GetValue(id)!;
            if (!await remove(host.Services, given, ct))
            {
                await error.WriteLineAsync($"error: no {singular} {given} in the store (`{name} list` shows them)");
                return 1;
            }

            await output.WriteLineAsync($"removed {singular} {given}");
            return 0;
        });

        return new Command(name, $"List or remove {name}") { listCommand, removeCommand };
    }

    private static Option<DirectoryInfo?> DataOption() => new("--data") { Description = "folder of the embedded store (default: ./data)" };

    private static IHost Host(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue<DirectoryInfo?>("--data") is { } data)
        {
            overrides["Storage:DataDirectory"] = data.FullName;
        }

        return MonitorHost.BuildCli(MonitorCli.SettingArgs(parse), overrides);
    }

    private static async Task<bool> RemoveFeedAsync(IFeedStore feeds, string idOrUrl, CancellationToken ct)
    {
        if (await feeds.DeleteFeedAsync(idOrUrl, ct))
        {
            return true;
        }

        var byUrl = (await feeds.ListFeedsAsync(ct)).FirstOrDefault(f => string.Equals(f.Url, idOrUrl, StringComparison.OrdinalIgnoreCase));
        return byUrl is not null && await feeds.DeleteFeedAsync(byUrl.Id, ct);
    }

    private static string Line(FeedSource feed)
    {
        var health = feed.Health.IsHealthy
            ? feed.Health.LastSuccessAt is { } ok ? $"ok {ok.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : "never polled"
            : $"failing ({feed.Health.ConsecutiveFailures} in a row): {feed.Health.LastError}";
        var state = feed.Enabled ? health : "disabled";
        return $"{feed.Id}\t{feed.Url}\t{feed.Folder ?? ""}\t{feed.Title ?? ""}\t{(feed.Health.Note is { } note ? $"{state} ({note})" : state)}";
    }
}
