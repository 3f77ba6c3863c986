using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Matching;
using NewsMonitor.Pipeline;
using NewsMonitor.Server.Hosting;

namespace NewsMonitor.Server.Cli;

/// <summary>`run-once`: merge the given files, run one full cycle, print what happened.</summary>
public static class RunOnceCommand
{
    /// <summary>The cycle ran but some message was not accepted (it is retried on a later cycle); 1 is "could not run".</summary>
    public const int SomeDigestFailed = 3;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var feeds = new Option<FileInfo?>("--feeds") { Description = "OPML file of feeds to merge into the store" };
        var watchlist = new Option<FileInfo?>("--watchlist") { Description = "watchlist file (JSON) to merge into the store" };
        var subscribers = new Option<FileInfo?>("--subscribers") { Description = "subscribers file (JSON) to merge into the store" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "folder of the embedded store (default: ./data)" };
        var outbox = new Option<DirectoryInfo?>("--outbox") { Description = "pickup folder, one .eml file per message (default: ./outbox)" };
        var allowPrivate = new Option<bool>("--allow-private-addresses") { Description = "allow feeds on loopback and private networks" };
        var progress = new Option<bool>("--progress") { Description = "show progress on standard error even when it is not a terminal: a plain line every 10 s" };
        var noProgress = new Option<bool>("--no-progress") { Description = "no progress line, even on a terminal" };
        var replace = new Option<bool>("--replace") { Description = "make each file given the whole of its kind: feeds, terms or subscribers not in it are removed" };
        feeds.MustExist();
        watchlist.MustExist();
        subscribers.MustExist();
        var command = new Command("run-once", "Run one cycle (schedule, poll, match, compose, deliver) and exit")
        {
            feeds, watchlist, subscribers, replace, data, outbox, progress, noProgress, allowPrivate,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(progress) && result.GetValue(noProgress))
            {
                result.AddError("--progress and --no-progress contradict each other: give one");
            }
        });
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(data) is { } d)
            {
                overrides["Storage:DataDirectory"] = d.FullName;
            }

            if (parse.GetValue(outbox) is { } o)
            {
                overrides["Delivery:PickupDirectory"] = o.FullName;
            }

            if (parse.GetValue(allowPrivate))
            {
                overrides["Feeds:AllowPrivateAddresses"] = "true";
            }

            using var host = MonitorHost.BuildCli(MonitorCli.SettingArgs(parse), overrides);
            try
            {
                var seeded = await host.Services.GetRequiredService<StoreSeeder>()
                    .SeedAsync(parse.GetValue(feeds)?.FullName, parse.GetValue(watchlist)?.FullName, parse.GetValue(subscribers)?.FullName, ct, parse.GetValue(replace));
                foreach (var line in seeded)
                {
                    await output.WriteLineAsync($"merged {line}");
                }
            }
            catch (Exception e) when (e is FormatException or InvalidTermException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }

            await output.WriteLineAsync("running one cycle…");
            CycleReport report;
            using (var line = ProgressFor(parse.GetValue(progress), parse.GetValue(noProgress), error, host.Services.GetRequiredService<TimeProvider>()))
            {
                report = await host.Services.GetRequiredService<CycleRunner>().RunAsync(ct, line);
                line?.Clear();
            }

            await CycleReportPrinter.PrintAsync(report, host.Services, output);
            return report.DigestsFailed > 0 ? SomeDigestFailed : 0;
        });
        return command;
    }

    /// <summary>
    /// In place on a terminal unless --no-progress; on a redirected standard error (CI, logs, pipes) nothing unless
    /// --progress asks for the plain form.
    /// </summary>
    private static ProgressLine? ProgressFor(bool asked, bool refused, TextWriter error, TimeProvider time)
    {
        var terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        if (refused || (!terminal && !asked))
        {
            return null;
        }

        return new ProgressLine(error, time, inPlace: terminal, terminal ? TerminalWidth() : 80);
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
