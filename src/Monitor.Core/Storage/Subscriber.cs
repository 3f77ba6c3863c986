namespace NewsMonitor.Storage;

public enum Cadence
{
    Immediate,
    Hourly,
    Daily,
    Weekly,
}

public enum SubscriberState
{
    Active,
    Paused,
    Unsubscribed,
}

/// <summary>Someone who receives digests of the terms they follow, on their own schedule.</summary>
public sealed record Subscriber
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public string? Name { get; init; }

    /// <summary>Term ids followed; null means every term.</summary>
    public IReadOnlyList<string>? Terms { get; init; }
    public Cadence Cadence { get; init; } = Cadence.Daily;

    /// <summary>Local time of day for daily and weekly digests.</summary>
    public TimeOnly At { get; init; } = new(8, 0);
    public DayOfWeek Day { get; init; } = DayOfWeek.Monday;

    /// <summary>IANA time zone id, such as "Europe/Paris".</summary>
    public string TimeZone { get; init; } = "UTC";
    public SubscriberState State { get; init; } = SubscriberState.Active;

    /// <summary>"fr" or "en", the language of the digests' wording; null means from the time zone (see DigestWording).</summary>
    public string? Language { get; init; }

    /// <summary>Local hours when immediate and hourly alerts wait; null means none.</summary>
    public QuietHours? QuietHours { get; init; }

    public bool Follows(string termId) => Terms is null || Terms.Contains(termId, StringComparer.Ordinal);
}

/// <summary>
/// A daily window of local wall-clock time, [From, Until); it wraps past midnight when Until is earlier than
/// From (22:00 to 07:00). Wall-clock, so a daylight-saving change moves it with the subscriber's clock.
/// </summary>
public sealed record QuietHours(TimeOnly From, TimeOnly Until)
{
    public bool Contains(TimeOnly localTime) =>
        From <= Until
            ? localTime >= From && localTime < Until
            : localTime >= From || localTime < Until;
}
