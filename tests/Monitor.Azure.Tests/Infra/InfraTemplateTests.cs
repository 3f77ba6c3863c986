using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsMonitor.Tests.Functions;

namespace NewsMonitor.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled to the ARM template Azure deploys, with the Bicep CLI pinned in .ci/bicep: the app
/// settings that make the links in digests work on Azure.
/// </summary>
public sealed partial class InfraTemplateTests
{
    private static readonly Lazy<JsonNode> Template = new(Build);

    [Fact]
    public void Digests_link_to_the_app_s_own_https_address_never_to_loopback()
    {
        var value = Resolve(Setting("Digests__PublicBaseUrl"));

        Assert.Contains("'https://{0}.azurewebsites.net', variables('appName')", value, StringComparison.Ordinal);
        Assert.DoesNotMatch("127\\.0\\.0\\.1|localhost|http://", value);
        Assert.Contains("format('func-{0}', variables('token'))", Resolve("[variables('appName')]"), StringComparison.Ordinal);
        Assert.Equal("[variables('appName')]", (string?)Resource("Microsoft.Web/sites")["name"]);
    }

    [Fact]
    public void The_signing_key_is_a_Key_Vault_reference_to_a_secret_the_app_s_identity_may_read()
    {
        var value = Setting("Digests__SigningKey");

        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})', reference(resourceId('Microsoft.KeyVault/vaults/secrets'", value, StringComparison.Ordinal);
        Assert.Contains("'digests-signing-key'", value, StringComparison.Ordinal);
        var secret = Resource("Microsoft.KeyVault/vaults/secrets", "digests-signing-key");
        Assert.Equal("[parameters('digestSigningKey')]", (string?)secret["properties"]!["value"]);
        Assert.Equal("securestring", (string?)Module()["parameters"]!["digestSigningKey"]!["type"]);
        Assert.Contains(Resources(), r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments" && ((string?)r["scope"])?.Contains("Microsoft.KeyVault/vaults", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Without_a_key_given_a_random_one_is_generated_at_deployment()
    {
        var parameters = Template.Value["parameters"]!;
        var passed = (string)Template.Value["resources"]!.AsArray().Single(r => (string?)r!["type"] == "Microsoft.Resources/deployments")!["properties"]!["parameters"]!["digestSigningKey"]!.ToString();

        Assert.Equal("[newGuid()]", (string?)parameters["generatedSigningKey"]!["defaultValue"]);
        Assert.Equal("", (string?)parameters["digestSigningKey"]!["defaultValue"]);
        Assert.Contains("if(empty(parameters('digestSigningKey'))", passed, StringComparison.Ordinal);
        Assert.Contains("parameters('generatedSigningKey')", passed, StringComparison.Ordinal);
    }

    private static string Setting(string name)
    {
        var settings = Resource("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray();
        var setting = settings.SingleOrDefault(s => (string?)s!["name"] == name);
        Assert.True(setting is not null, $"the function app has no app setting {name}");
        return (string)setting["value"]!;
    }

    /// <summary>A "[variables('x')]" value as the expression it names.</summary>
    private static string Resolve(string value) =>
        VariableReference().Match(value) is { Success: true } match ? (string)Module()["variables"]![match.Groups[1].Value]! : value;

    private static JsonNode Module() =>
        Template.Value["resources"]!.AsArray().Single(r => (string?)r!["type"] == "Microsoft.Resources/deployments")!["properties"]!["template"]!;

    private static IEnumerable<JsonNode> Resources()
    {
        var resources = Module()["resources"]!;
        return resources is JsonObject named ? named.Select(p => p.Value!) : resources.AsArray().Select(r => r!);
    }

    private static JsonNode Resource(string type, string? nameContains = null) =>
        Resources().Single(r => (string?)r["type"] == type && (nameContains is null || ((string?)r["name"])!.Contains(nameContains, StringComparison.Ordinal)));

    private static JsonNode Build()
    {
        var version = Regex.Match(File.ReadAllText(RepositoryFiles.Path(".ci", "bicep", "bicep.csproj")), "CommandLine.linux-x64\" Version=\"\\[([0-9.]+)\\]\"").Groups[1].Value;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var bicep = Path.Combine(packages, "azure.bicep.commandline.linux-x64", version, "tools", "bicep");
        Assert.True(File.Exists(bicep), $"the pinned Bicep CLI {version} is not at {bicep}: run `dotnet restore .ci/bicep/bicep.csproj` (.ci/run does)");
        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not keep the execute bit of the binary it extracts.
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }

        using var process = Process.Start(new ProcessStartInfo(bicep, ["build", RepositoryFiles.Path("infra", "main.bicep"), "--stdout"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var json = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"bicep build failed: {errors.Result}");
        return JsonNode.Parse(json.Result)!;
    }

    [GeneratedRegex("^\\[variables\\('([A-Za-z0-9_]+)'\\)\\]$")]
    private static partial Regex VariableReference();
}
