using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace NewsMonitor.Server.Cli;

/// <summary>
/// What is wrong with a command line, as one line for the person who typed it: an unknown verb or option (with the
/// valid ones and the nearest spelling), a setting the program does not read, or a value it cannot take. A mistake is
/// never run as if it were something else.
/// </summary>
public static partial class CommandLineCheck
{
    /// <summary>The exit code of a command line that is wrong (0 ran, 1 could not run, 3 a digest failed).</summary>
    public const int UsageExitCode = 2;

    public static string? Problem(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        if (parse.Errors.Count > 0)
        {
            // A mistyped verb also leaves "no verb given": the token the person typed is the better news.
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            var aboutTheLine = first.Message.StartsWith("Unrecognized", StringComparison.Ordinal) || first.Message.StartsWith("Required", StringComparison.Ordinal)
                || first.Message.Contains("is required", StringComparison.Ordinal);
            return $"error: {first.Message}{Suggestion(first.Message, command)}{(aboutTheLine ? Usage(command) : "")}";
        }

        var settings = new List<KeyValuePair<string, string?>>();
        var tokens = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var unknownOption = (string?)null;
        foreach (var token in parse.UnmatchedTokens)
        {
            var setting = SettingToken().Match(token);
            if (!setting.Success)
            {
                unknownOption ??= token;
                continue;
            }

            settings.Add(new(setting.Groups["key"].Value, setting.Groups["value"].Value));
            tokens.TryAdd(setting.Groups["key"].Value, token);
        }

        var connection = settings.LastOrDefault(s => s.Key.Equals("Storage:Connection", StringComparison.OrdinalIgnoreCase)).Value ?? "AzureWebJobsStorage";

        // A top-level "--Name=value" is a setting only when the program reads that name (Urls, the storage connection).
        unknownOption ??= settings.Select(s => s.Key).Where(key => !key.Contains(':', StringComparison.Ordinal) && !KnownSettings.IsKnown(key, connection))
            .Select(key => tokens[key]).FirstOrDefault();
        if (unknownOption is not null)
        {
            var known = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
            return $"error: unknown option {unknownOption} for {command.Name}{Nearest(unknownOption, known)}{Usage(command)}";
        }

        foreach (var (key, value) in settings)
        {
            if (!KnownSettings.IsKnown(key, connection))
            {
                return $"error: unknown setting --{key}={value}{Nearest(key, KnownSettings.Keys)}; settings are --Section:Key=value with the keys in the README's configuration tables";
            }
        }

        return BadValue(settings);
    }

    /// <summary>Binds every options class to the given settings alone, so a value of the wrong type is named before anything runs.</summary>
    private static string? BadValue(List<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        foreach (var (section, type) in KnownSettings.Sections)
        {
            try
            {
                configuration.GetSection(section).Get(type);
            }
            catch (InvalidOperationException e) when (ConversionFailure().Match(e.Message) is { Success: true } failure)
            {
                var key = failure.Groups["key"].Value;
                var value = settings.Last(s => s.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;
                return $"error: --{key}={value}: not a valid {Describe(failure.Groups["type"].Value)}";
            }
        }

        return null;
    }

    private static string Describe(string type) => type switch
    {
        "System.TimeSpan" => "duration (such as 00:00:30 for 30 seconds)",
        "System.Int32" or "System.Int64" => "whole number",
        "System.Boolean" => "boolean (true or false)",
        _ when type.StartsWith("NewsMonitor.", StringComparison.Ordinal) => $"{type[(type.LastIndexOf('.') + 1)..]} value",
        _ => type,
    };

    private static string Suggestion(string message, Command command)
    {
        var unknown = UnrecognizedToken().Match(message);
        if (!unknown.Success)
        {
            return "";
        }

        var candidates = command.Subcommands.Select(c => c.Name).Concat(command.Options.Where(o => !o.Hidden).Select(o => o.Name));
        return Nearest(unknown.Groups["token"].Value, candidates);
    }

    private static string Usage(Command command)
    {
        if (command.Subcommands.Count > 0 && command.Options.All(o => o.Hidden || o.Name is "--help" or "--version"))
        {
            return $"; verbs: {string.Join(", ", command.Subcommands.Select(c => c.Name))}";
        }

        var options = command.Options.Where(o => !o.Hidden && o.Name is not "--help" and not "--version").Select(o => o.Name).ToList();
        if (command.TreatUnmatchedTokensAsErrors is false)
        {
            options.Add("--Section:Key=value");
        }

        return options.Count == 0 ? "" : $"; options of {command.Name}: {string.Join(", ", options)}";
    }

    /// <summary>", did you mean X?" for the candidate within two edits (a third of the word for long ones), or nothing.</summary>
    private static string Nearest(string given, IEnumerable<string> candidates)
    {
        var bare = given.Split('=')[0];
        var best = candidates
            .Select(c => (Candidate: c, Distance: Distance(bare.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance > 0 && c.Distance <= Math.Max(2, bare.Length / 3))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Candidate is null ? "" : $" (did you mean {best.Candidate}?)";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"^--(?<key>[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_]+)*)=(?<value>.*)$", RegexOptions.Singleline)]
    private static partial Regex SettingToken();

    [GeneratedRegex(@"at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"'(?<token>[^']+)'")]
    private static partial Regex UnrecognizedToken();
}
