using System.Reflection;
using System.Text.Json.Nodes;
using Cronos;
using Microsoft.Azure.Functions.Worker;
using NewsMonitor.Azure;
using NewsMonitor.Functions;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Functions;

/// <summary>
/// What the runtime reads from the function classes and host.json: names, triggers, routes, keys and the
/// settings they name, checked against the API contract, the queue names and local.settings.sample.json.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly string Root = FindRoot();

    private static readonly IReadOnlyList<MethodInfo> Functions = typeof(QueueFunctions).Assembly.GetTypes()
        .Where(t => t.Namespace == "NewsMonitor.Functions")
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToList();

    [Fact]
    public void Every_function_has_a_unique_name_and_exactly_one_trigger()
    {
        Assert.Equal(10, Functions.Count);
        Assert.Equal(Functions.Count, Functions.Select(f => f.GetCustomAttribute<FunctionAttribute>()!.Name).Distinct().Count());
        Assert.All(Functions, f => Assert.Single(f.GetParameters(), p => p.GetCustomAttributes().Any(a => a is Microsoft.Azure.Functions.Worker.Extensions.Abstractions.TriggerBindingAttribute)));
    }

    /// <summary>The routes of the shared HTTP contract (the Server serves the same ones), without the "api/" prefix the runtime adds.</summary>
    [Fact]
    public void Http_functions_serve_the_contract_routes_with_a_function_key_except_health()
    {
        var routes = Triggers<HttpTriggerAttribute>()
            .Select(t => (Method: string.Join(',', t.Methods!).ToUpperInvariant(), t.Route, t.AuthLevel))
            .OrderBy(r => r.Route, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
            [
                ("POST", "digests/send", AuthorizationLevel.Function),
                ("POST", "feeds/poll", AuthorizationLevel.Function),
                ("POST", "feeds/{id}/poll", AuthorizationLevel.Function),
                ("GET", "health", AuthorizationLevel.Anonymous),
                ("POST", "subscribers/{id}/digest/send", AuthorizationLevel.Function),
            ],
            routes);
    }

    [Fact]
    public void Queue_functions_listen_on_the_pipeline_s_queues_with_the_default_connection()
    {
        var queues = Triggers<QueueTriggerAttribute>()
            .ToList();

        Assert.Equal([QueueNames.Alerts, QueueNames.Articles, QueueNames.FeedPolls], queues.Select(q => q.QueueName).Order());
        Assert.All(queues, q => Assert.Null(q.Connection));
    }

    [Fact]
    public void Timer_schedules_are_app_settings_listed_in_the_sample_with_six_field_NCRONTAB_values()
    {
        var values = (JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "local.settings.sample.json")))!["Values"] as JsonObject)!;
        var schedules = Triggers<TimerTriggerAttribute>()
            .Select(t => t.Schedule)
            .ToList();

        Assert.Equal(["%DigestSchedule%", "%PollSchedule%"], schedules.Order());
        foreach (var setting in schedules.Select(s => s.Trim('%')))
        {
            var expression = (string?)values[setting];
            Assert.NotNull(expression);
            Assert.Equal(6, expression.Split(' ').Length);
            _ = CronExpression.Parse(expression, CronFormat.IncludeSeconds);
        }
    }

    [Fact]
    public void Host_json_retries_as_the_Server_does_and_decodes_base64()
    {
        var queues = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "src", "Monitor.Functions", "host.json")))!["extensions"]!["queues"]!;

        Assert.Equal(QueueProcessor.MaxDequeueCount, (int?)queues["maxDequeueCount"]);
        Assert.Equal("base64", (string?)queues["messageEncoding"]);
        Assert.Equal(new AzureStorageOptions().VisibilityTimeout, TimeSpan.Parse((string)queues["visibilityTimeout"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static IEnumerable<T> Triggers<T>()
        where T : Attribute =>
        Functions.SelectMany(f => f.GetParameters()).Select(p => p.GetCustomAttribute<T>()).OfType<T>();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Monitor.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Monitor.sln not found above " + AppContext.BaseDirectory);
    }
}
