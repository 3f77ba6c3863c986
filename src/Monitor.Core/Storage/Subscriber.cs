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

    public bool Follows(string termId) => Terms is null || Terms.Contains(termId, StringComparer.Ordinal);
}
