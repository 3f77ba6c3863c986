namespace NewsMonitor.Pipeline;

/// <summary>Bound from the "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Where the embedded SQLite store lives (file monitor.db inside it).</summary>
    public string DataDirectory { get; set; } = "data";
}
