using System.Collections;
using System.Reflection;
using NewsMonitor.Azure;
using NewsMonitor.Azure.SendGrid;
using NewsMonitor.Delivery;
using NewsMonitor.Digests;
using NewsMonitor.Feeds;
using NewsMonitor.Pipeline;
using NewsMonitor.Server.Api;
using NewsMonitor.Server.Hosting;

namespace NewsMonitor.Server.Cli;

/// <summary>
/// The configuration keys the program reads, taken from its options classes, so that a misspelt
/// "--Section:Key=value" is refused with a suggestion instead of being ignored (configuration keys are case-insensitive).
/// </summary>
public static class KnownSettings
{
    /// <summary>The options classes and the sections they are bound from.</summary>
    public static readonly IReadOnlyList<(string Section, Type Options)> Sections =
    [
        (ApiOptions.Section, typeof(ApiOptions)),
        (ScheduleOptions.Section, typeof(ScheduleOptions)),
        (SeedOptions.Section, typeof(SeedOptions)),
        (FeedFetchOptions.Section, typeof(FeedFetchOptions)),
        (StorageOptions.Section, typeof(StorageOptions)),
        (AzureStorageOptions.Section, typeof(AzureStorageOptions)),
        (DeliveryOptions.Section, typeof(DeliveryOptions)),
        (DigestOptions.Section, typeof(DigestOptions)),
        (SendGridOptions.Section, typeof(SendGridOptions)),
    ];

    /// <summary>Keys read as they are ("Urls"), and sections whose keys are free ("Logging:LogLevel:Default").</summary>
    private static readonly string[] LooseKeys = ["Urls"];
    private static readonly string[] FreeSections = ["Logging"];

    private static readonly Lazy<(HashSet<string> Leaves, HashSet<string> Lists)> Catalog = new(Build);

    /// <summary>Every settable key, such as "Feeds:Timeout" or "Delivery:Smtp:Host".</summary>
    public static IReadOnlyCollection<string> Keys => Catalog.Value.Leaves;

    /// <summary>True when the program reads <paramref name="key"/>; <paramref name="connectionName"/> is the storage connection setting's name.</summary>
    public static bool IsKnown(string key, string connectionName)
    {
        var (leaves, lists) = Catalog.Value;
        if (leaves.Contains(key) || LooseKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        // A list or the storage connection (a string, or its identity-based parts) takes any key below it.
        return FreeSections.Concat(lists).Append(connectionName).Any(prefix =>
            key.Equals(prefix, StringComparison.OrdinalIgnoreCase) || key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase));
    }

    private static (HashSet<string>, HashSet<string>) Build()
    {
        var leaves = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lists = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, type) in Sections)
        {
            Walk(section, type, leaves, lists);
        }

        return (leaves, lists);
    }

    private static void Walk(string prefix, Type type, HashSet<string> leaves, HashSet<string> lists)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}:{property.Name}";
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(valueType))
            {
                if (property.CanWrite)
                {
                    leaves.Add(key);
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(valueType))
            {
                lists.Add(key);
            }
            else
            {
                Walk(key, valueType, leaves, lists);
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(TimeZoneInfo);
}
