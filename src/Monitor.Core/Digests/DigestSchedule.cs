using System.Globalization;
using Cronos;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// When a subscriber's digests are due, in the subscriber's own time zone. A scheduled cadence is a cron
/// expression evaluated by Cronos in that zone, which settles the daylight-saving cases: a local time that does
/// not exist (02:30 on the spring-forward night) fires when the gap ends, a local time that happens twice
/// (02:30 on the fall-back night) fires once for daily and weekly digests, and hourly digests fire every
/// real hour, the repeated one included.
/// </summary>
public static class DigestSchedule
{
    /// <summary>
    /// The period key of the latest scheduled time at or before <paramref name="now"/>; null for immediate
    /// (an immediate alert is keyed by what it carries instead). A period is sent once: its key names it.
    /// </summary>
    public static string? CurrentPeriod(Subscriber subscriber, DateTimeOffset now) => Current(subscriber, now)?.Key;

    /// <summary>The scheduled period <paramref name="now"/> is in, and when it was due; null for immediate.</summary>
    public static DigestPeriod? Current(Subscriber subscriber, DateTimeOffset now)
    {
        if (subscriber.Cadence == Cadence.Immediate)
        {
            return null;
        }

        var zone = TimeZones.Find(subscriber.TimeZone);
        var due = LastDue(subscriber, zone, now);
        var localDate = TimeZoneInfo.ConvertTime(due, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var key = subscriber.Cadence switch
        {
            Cadence.Hourly => "h-" + due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
            Cadence.Daily => "d-" + localDate,
            _ => "w-" + localDate,
        };
        return new DigestPeriod(key, due);
    }

    /// <summary>
    /// The next time a digest may go out after <paramref name="now"/>: the next scheduled time, or for
    /// immediate alerts now itself unless quiet hours hold them until the window ends.
    /// </summary>
    public static DateTimeOffset NextDue(Subscriber subscriber, DateTimeOffset now)
    {
        var zone = TimeZones.Find(subscriber.TimeZone);
        if (subscriber.Cadence == Cadence.Immediate)
        {
            return QuietUntil(subscriber, now) ?? now;
        }

        var next = Expression(subscriber).GetNextOccurrence(now, zone, inclusive: false)
            ?? throw new InvalidOperationException("a daily, weekly or hourly schedule always has a next occurrence");

        // An hourly period that falls in quiet hours is not sent then; its matches go out when the window ends.
        return QuietUntil(subscriber, next) ?? next;
    }

    /// <summary>
    /// When the quiet hours holding back alerts at <paramref name="now"/> end, or null when nothing holds them.
    /// Only immediate and hourly alerts wait: a daily or weekly time is one the subscriber chose.
    /// </summary>
    public static DateTimeOffset? QuietUntil(Subscriber subscriber, DateTimeOffset now)
    {
        if (subscriber.QuietHours is not { } quiet || subscriber.Cadence is Cadence.Daily or Cadence.Weekly)
        {
            return null;
        }

        var zone = TimeZones.Find(subscriber.TimeZone);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        if (!quiet.Contains(local))
        {
            return null;
        }

        return DailyAt(quiet.Until).GetNextOccurrence(now, zone, inclusive: false)
            ?? throw new InvalidOperationException("a daily time always has a next occurrence");
    }

    /// <summary>The latest scheduled time at or before now (a week and a day back covers every cadence).</summary>
    private static DateTimeOffset LastDue(Subscriber subscriber, TimeZoneInfo zone, DateTimeOffset now)
    {
        var lookBack = subscriber.Cadence == Cadence.Hourly ? TimeSpan.FromHours(3) : TimeSpan.FromDays(8);
        return Expression(subscriber).GetOccurrences(now - lookBack, now, zone, fromInclusive: true, toInclusive: true).Last();
    }

    private static CronExpression Expression(Subscriber subscriber) => subscriber.Cadence switch
    {
        Cadence.Hourly => CronExpression.Hourly,
        Cadence.Daily => DailyAt(subscriber.At),
        Cadence.Weekly => CronExpression.Parse($"{subscriber.At.Minute} {subscriber.At.Hour} * * {(int)subscriber.Day}", CronFormat.Standard),
        _ => throw new ArgumentOutOfRangeException(nameof(subscriber), subscriber.Cadence, "immediate alerts have no schedule"),
    };

    private static CronExpression DailyAt(TimeOnly at) =>
        CronExpression.Parse(
            at.Second == 0 ? $"{at.Minute} {at.Hour} * * *" : $"{at.Second} {at.Minute} {at.Hour} * * *",
            at.Second == 0 ? CronFormat.Standard : CronFormat.IncludeSeconds);
}

/// <summary>A scheduled digest's period: its key (h-/d-/w- and the hour or local date) and when it fell due.</summary>
public sealed record DigestPeriod(string Key, DateTimeOffset DueAt);

/// <summary>IANA time zone ids, with a clear error for a name the system does not know.</summary>
public static class TimeZones
{
    public static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"unknown time zone '{id}' (use an IANA name such as Europe/Paris)", nameof(id), e);
        }
    }

    public static bool IsValid(string id)
    {
        try
        {
            _ = Find(id);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
