using System.CommandLine;
using NewsMonitor.Matching;
using NewsMonitor.Server.Hosting;

namespace NewsMonitor.Server.Cli;

/// <summary>`serve`: the HTTP API, the scheduler and the queue workers, until stopped.</summary>
public static class ServeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var urls = new Option<string?>("--urls") { Description = "where to listen (default: http://127.0.0.1:5080)" };
        var command = new Command("serve", "Run the API, the scheduler and the queue workers") { urls };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            WebApplication app;
            try
            {
                app = ServerApp.Build(MonitorCli.SettingArgs(parse).ToArray(), parse.GetValue(urls));
            }
            catch (InvalidOperationException e)
            {
                // A refusal to start (no API key beyond loopback) is a message for the person, not a crash.
                await error.WriteLineAsync(e.Message);
                return 1;
            }

            try
            {
                await app.Services.GetRequiredService<StoreSeeder>().SeedAsync(null, null, null, ct);
            }
            catch (Exception e) when (e is FormatException or InvalidTermException)
            {
                // An unreadable or invalid seed file: one line that names it, and nothing stored.
                await error.WriteLineAsync($"error: {e.Message}");
                await app.DisposeAsync();
                return 1;
            }

            await app.StartAsync(ct);
            await output.WriteLineAsync($"News Monitor listening on {string.Join(", ", app.Urls)} (Ctrl+C stops it)");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
