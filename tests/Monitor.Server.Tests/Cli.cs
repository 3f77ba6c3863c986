using NewsMonitor.Server.Cli;

namespace NewsMonitor.Tests;

/// <summary>Runs the executable's verbs in process, as a person would type them, and keeps what each stream said.</summary>
public static class Cli
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await MonitorCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
