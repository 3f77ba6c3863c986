using System.Globalization;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// Which digest period a subscriber is in: the latest scheduled time at or before now, in the subscriber's
/// own time zone. A period is sent once; the key names it, so a second run in the same period sends nothing.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The period key for scheduled cadences; null for immediate (keyed by its content instead).</summary>
    public static string? CurrentPeriod(Subscriber subscriber, DateTimeOffset now)
    {
        var zone = TimeZones.Find(subscriber.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return subscriber.Cadence switch
        {
            Cadence.Immediate => null,
            Cadence.Hourly => "h-" + now.UtcDateTime.ToString("yyyy-MM-ddTHH'Z'", CultureInfo.InvariantCulture),
            Cadence.Daily => "d-" + LastOccurrence(local.Date, subscriber.At, local.DateTime, _ => true).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Cadence.Weekly => "w-" + LastOccurrence(local.Date, subscriber.At, local.DateTime, d => d.DayOfWeek == subscriber.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(subscriber), subscriber.Cadence, "unknown cadence"),
        };
    }

    /// <summary>The local date of the latest (date at time) on or before the local now that satisfies the day rule.</summary>
    private static DateTime LastOccurrence(DateTime today, TimeOnly at, DateTime localNow, Func<DateTime, bool> dayRule)
    {
        for (var day = today; day > today.AddDays(-8); day = day.AddDays(-1))
        {
            if (dayRule(day) && day + at.ToTimeSpan() <= localNow)
            {
                return day;
            }
        }

        throw new InvalidOperationException("no occurrence in the last week");
    }
}

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
