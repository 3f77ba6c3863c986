using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsMonitor.Delivery;
using NewsMonitor.Digests;
using NewsMonitor.Pipeline;
using NewsMonitor.Server.Hosting;

namespace NewsMonitor.Server.Cli;

/// <summary>`digest preview --subscriber ID [--out FILE] [--format eml|html|text] [--data DIR]`: the next digest, not sent.</summary>
public static class DigestCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var subscriber = new Option<string>("--subscriber") { Description = "the subscriber's id", Required = true };
        var file = new Option<FileInfo?>("--out") { Description = "write the message to this file (default: standard output)" };
        var format = new Option<string>("--format") { Description = "eml (the whole message, default), html or text (one part)", DefaultValueFactory = _ => "eml" };
        format.AcceptOnlyFromAmong("eml", "html", "text");
        var data = new Option<DirectoryInfo?>("--data") { Description = "folder of the embedded store (default: ./data)" };
        var preview = new Command("preview", "Render a subscriber's next digest as it would be sent now, without sending it or marking anything") { subscriber, file, format, data };
        preview.TreatUnmatchedTokensAsErrors = false;
        preview.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(data) is { } d)
            {
                overrides["Storage:DataDirectory"] = d.FullName;
            }

            using var host = MonitorHost.BuildCli(MonitorCli.SettingArgs(parse), overrides);
            var store = Path.GetFullPath(host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);
            if (!File.Exists(Path.Combine(store, "monitor.db")))
            {
                await error.WriteLineAsync($"error: no store in {store} (give --data, or run run-once first)");
                return 1;
            }

            var id = parse.GetValue(subscriber)!;
            var result = await host.Services.GetRequiredService<DigestPreviewer>().PreviewAsync(id, ct);
            if (result is null)
            {
                await error.WriteLineAsync($"error: no subscriber '{id}' in {store}");
                return 1;
            }

            var due = DueText(result) + (result.Subscriber.State == Storage.SubscriberState.Active ? "" : $", but {id} is {result.Subscriber.State.ToString().ToLowerInvariant()}: nothing will be sent");
            if (result.Message is not { } message)
            {
                await error.WriteLineAsync($"{id}: nothing waiting{(result.EverSent ? " since the last digest" : " (nothing matched yet)")}; next digest due {due}");
                return 0;
            }

            var rendered = parse.GetValue(format) switch
            {
                "html" => message.HtmlBody,
                "text" => message.TextBody,
                _ => Eml(message),
            };
            if (parse.GetValue(file) is { } target)
            {
                await File.WriteAllTextAsync(target.FullName, rendered, new UTF8Encoding(false), ct);
                await error.WriteLineAsync($"{id}: {result.Stories} stories written to {target.FullName}; next digest due {due} (nothing was sent)");
            }
            else
            {
                await output.WriteAsync(rendered);
                await error.WriteLineAsync($"{id}: {result.Stories} stories; next digest due {due} (nothing was sent)");
            }

            return 0;
        });
        return new Command("digest", "Digest tools") { preview };
    }

    private static string Eml(EmailMessage message)
    {
        using var stream = new MemoryStream();
        MimeMessageFactory.Create(message).WriteTo(MimeMessageFactory.FileFormat, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string DueText(DigestPreview preview)
    {
        if (preview.DueNow)
        {
            return preview.Message is null ? "as soon as something matches" : "now (the next run sends it)";
        }

        var zone = TimeZones.Find(preview.Subscriber.TimeZone);
        var local = TimeZoneInfo.ConvertTime(preview.NextDue, zone);
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm} {preview.Subscriber.TimeZone} ({preview.NextDue.UtcDateTime:yyyy-MM-dd HH:mm} UTC)");
    }
}
