namespace NewsMonitor.Server.Hosting;

/// <summary>NCRONTAB schedules with seconds (six fields), the same as the Functions timers ("Schedule" section).</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedule";

    public string Polls { get; set; } = "0 */5 * * * *";
    public string Digests { get; set; } = "0 * * * * *";
}
