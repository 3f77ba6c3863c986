using System.Reflection;
using System.Text.Json.Nodes;

namespace NewsMonitor.Tests.Functions;

/// <summary>
/// One function as the host binds it: its trigger ("http", "queue", "timer"), the queue, schedule or route it
/// names (routes with the "/api" prefix), the connection setting, the HTTP methods and the authorization level.
/// Empty strings where a column does not apply, so a README row and a metadata entry compare as values.
/// </summary>
public sealed record FunctionBinding(string Function, string Trigger, string Binding, string Connection, string Methods, string Auth);

/// <summary>The functions.metadata file the worker SDK writes into the Functions app's build output.</summary>
public static class FunctionsMetadata
{
    /// <summary>host.json's extensions.http.routePrefix, as the host puts it before every route.</summary>
    public const string RoutePrefix = "/api";

    /// <summary>The queue triggers' connection when none is named: the runtime's own storage setting.</summary>
    public const string DefaultConnection = "AzureWebJobsStorage";

    /// <summary>The build of src/Monitor.Functions in this test build's configuration (the test project references it, so it is built first).</summary>
    public static string FilePath
    {
        get
        {
            var configuration = typeof(FunctionsMetadata).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            var path = RepositoryFiles.Path("src", "Monitor.Functions", "bin", configuration, "net10.0", "functions.metadata");
            return File.Exists(path) ? path : throw new FileNotFoundException($"functions.metadata not found: build src/Monitor.Functions ({configuration}) first", path);
        }
    }

    public static JsonArray Document() => JsonNode.Parse(File.ReadAllText(FilePath))!.AsArray();

    public static IReadOnlyList<FunctionBinding> Read() =>
        [.. Document().Select(f => Describe((string)f!["name"]!, f["bindings"]!.AsArray().Single(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!))];

    private static FunctionBinding Describe(string name, JsonNode trigger)
    {
        var type = (string)trigger["type"]!;
        return type switch
        {
            "httpTrigger" => new(name, "http", RoutePrefix + "/" + (string)trigger["route"]!, "", string.Join(", ", trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant())), ((string)trigger["authLevel"]!).ToLowerInvariant()),
            "queueTrigger" => new(name, "queue", (string)trigger["queueName"]!, (string?)trigger["connection"] ?? DefaultConnection, "", ""),
            "timerTrigger" => new(name, "timer", (string)trigger["schedule"]!, "", "", ""),
            _ => throw new InvalidOperationException($"{name}: trigger type {type} is not one the README table describes"),
        };
    }
}

/// <summary>The README's table of functions (section "Azure"), the documentation a change of binding must update.</summary>
public static class FunctionsReadme
{
    private const string Header = "| function | trigger | queue, schedule or route | connection | methods | auth | what it does |";

    public static IReadOnlyList<FunctionBinding> Table()
    {
        var lines = File.ReadAllLines(RepositoryFiles.Path("README.md"));
        var start = Array.IndexOf(lines, Header);
        Assert.True(start >= 0, $"README.md has no function table with the header {Header}");
        return [.. lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(Row)];
    }

    private static FunctionBinding Row(string line)
    {
        var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim().Replace("`", "", StringComparison.Ordinal)).ToArray();
        Assert.True(cells.Length == 7, $"README function table row has {cells.Length} cells, not 7: {line}");
        return new(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]);
    }
}

/// <summary>Files of the repository, found above the test's output folder.</summary>
public static class RepositoryFiles
{
    private static readonly string Root = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Monitor.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Monitor.sln not found above " + AppContext.BaseDirectory);
    }
}
