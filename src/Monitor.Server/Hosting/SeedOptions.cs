namespace NewsMonitor.Server.Hosting;

/// <summary>Files merged into an empty store on start ("Seed" section); relative paths are under the app folder.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public string? Feeds { get; set; }
    public string? Watchlist { get; set; }
    public string? Subscribers { get; set; }
}
