using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;
using NewsMonitor.Azure;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Functions;

/// <summary>
/// What the Functions host reads: the functions.metadata the worker SDK generated from the real assembly, checked
/// against the README's function table (trigger, queue, connection, schedule setting, route, methods, key), and
/// host.json and local.settings.sample.json against what the functions need.
/// </summary>
public sealed class FunctionMetadataTests
{
    [Fact]
    public void Every_function_the_host_reads_is_in_the_README_table_as_it_is_bound_and_nothing_else_is()
    {
        var documented = FunctionsReadme.Table().ToDictionary(r => r.Function);
        var built = FunctionsMetadata.Read().ToDictionary(f => f.Function);

        Assert.True(built.Count > 0, "functions.metadata lists no function");
        Assert.Empty(built.Keys.Except(documented.Keys).Select(n => $"{n}: in functions.metadata, not in the README table"));
        Assert.Empty(documented.Keys.Except(built.Keys).Select(n => $"{n}: in the README table, not in functions.metadata"));
        foreach (var (name, function) in built)
        {
            Assert.Equal(documented[name], function);
        }
    }

    [Fact]
    public void Each_function_has_exactly_one_trigger()
    {
        foreach (var function in FunctionsMetadata.Document())
        {
            var triggers = function!["bindings"]!.AsArray().Count(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal));
            Assert.True(triggers == 1, $"{function["name"]} has {triggers} triggers");
        }
    }

    [Fact]
    public void Timer_schedules_are_app_settings_listed_in_the_sample_with_six_field_NCRONTAB_values()
    {
        var values = (JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("local.settings.sample.json")))!["Values"] as JsonObject)!;
        var schedules = FunctionsMetadata.Read().Where(f => f.Trigger == "timer").Select(f => f.Binding).ToList();

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
    public void Queue_functions_listen_on_the_pipeline_s_queues()
    {
        var queues = FunctionsMetadata.Read().Where(f => f.Trigger == "queue").Select(f => f.Binding).Order();

        Assert.Equal([QueueNames.Alerts, QueueNames.Articles, QueueNames.FeedPolls], queues);
    }

    [Fact]
    public void Host_json_retries_as_the_Server_does_decodes_base64_and_prefixes_routes_with_api()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("src", "Monitor.Functions", "host.json")))!;
        var queues = host["extensions"]!["queues"]!;

        Assert.Equal(QueueProcessor.MaxDequeueCount, (int?)queues["maxDequeueCount"]);
        Assert.Equal("base64", (string?)queues["messageEncoding"]);
        Assert.Equal(new AzureStorageOptions().VisibilityTimeout, TimeSpan.Parse((string)queues["visibilityTimeout"]!, CultureInfo.InvariantCulture));
        Assert.Equal(FunctionsMetadata.RoutePrefix, "/" + (string?)host["extensions"]!["http"]!["routePrefix"]);
    }
}
