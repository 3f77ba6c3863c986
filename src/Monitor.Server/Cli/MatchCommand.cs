using System.CommandLine;
using NewsMonitor.Matching;

namespace NewsMonitor.Server.Cli;

/// <summary>`match --watchlist FILE [--input FILE]`: JSON Lines of articles in, one line of matched term ids out.</summary>
public static class MatchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var watchlist = new Option<FileInfo>("--watchlist") { Description = "watchlist file (JSON)", Required = true };
        var input = new Option<FileInfo?>("--input") { Description = "JSON Lines file of articles (default: standard input)" };
        watchlist.MustExist();
        input.MustExist();
        var command = new Command("match", "Match articles (JSON Lines) against a watchlist and print the matching term ids") { watchlist, input };
        command.SetAction(async (parse, ct) =>
        {
            CompiledWatchlist compiled;
            try
            {
                await using var file = parse.GetValue(watchlist)!.OpenRead();
                compiled = CompiledWatchlist.Compile(await WatchlistFile.ReadAsync(file, ct));
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }

            using var reader = parse.GetValue(input) is { } path ? new StreamReader(path.FullName) : new StreamReader(Console.OpenStandardInput());
            return await MatchLines.RunAsync(compiled, reader, output, error, ct);
        });
        return command;
    }
}
