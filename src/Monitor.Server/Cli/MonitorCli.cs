using System.CommandLine;

namespace NewsMonitor.Server.Cli;

/// <summary>The executable's verbs: serve, run-once, match, parse (DESIGN.md, "Command line").</summary>
public static class MonitorCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var root = new RootCommand("News Monitor: watch news feeds for terms and email digests of what matched.")
        {
            RunOnceCommand.Create(output, error),
            MatchCommand.Create(output, error),
            ParseCommand.Create(output, error),
            ServeCommand.Create(output, error),
            DigestCommand.Create(output, error),
        };
        foreach (var verb in StoreCommands.Create(output, error))
        {
            root.Subcommands.Add(verb);
        }

        var parse = root.Parse(args);
        if (CommandLineCheck.Problem(parse) is { } problem)
        {
            await error.WriteLineAsync(problem);
            return CommandLineCheck.UsageExitCode;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // A bad value from appsettings.json or the environment (the command line's own are checked above).
            await error.WriteLineAsync($"error: {e.Message}");
            return CommandLineCheck.UsageExitCode;
        }
    }

    /// <summary>Unrecognised "--Section:Key=value" tokens are configuration settings, passed to the host.</summary>
    internal static IEnumerable<string> SettingArgs(ParseResult parse) => parse.UnmatchedTokens;
}
