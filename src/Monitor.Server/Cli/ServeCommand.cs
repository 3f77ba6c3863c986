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
        var allowPrivate = new Option<bool>("--allow-private-addresses") { Description = "allow feeds on loopback and private networks" };
        var command = new Command("serve", "Run the API, the scheduler and the queue workers") { urls, allowPrivate };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            WebApplication app;
            try
            {
                var settings = MonitorCli.SettingArgs(parse).ToList();
                if (parse.GetValue(allowPrivate))
                {
                    settings.Add("--Feeds:AllowPrivateAddresses=true");
                }

                app = ServerApp.Build([.. settings], parse.GetValue(urls));
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

            try
            {
                await ServerApp.StartAsync(app, ct);
            }
            catch (InvalidOperationException e)
            {
                await error.WriteLineAsync(e.Message);
                await app.DisposeAsync();
                return 1;
            }
            catch (IOException e)
            {
                // Kestrel's "Failed to bind to address …: address already in use." says it all.
                await error.WriteLineAsync($"error: {e.Message}");
                await app.DisposeAsync();
                return 1;
            }

            await output.WriteLineAsync($"News Monitor listening on {string.Join(", ", app.Urls)} (Ctrl+C stops it)");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
