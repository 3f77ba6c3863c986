using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Digests;

/// <summary>
/// Periods and due times in the subscriber's zone, across Europe/Paris's 2026 changes: clocks go from 02:00 to
/// 03:00 on Sunday 29 March (UTC+1 to UTC+2) and from 03:00 back to 02:00 on Sunday 25 October.
/// </summary>
public sealed class DigestScheduleTests
{
    private static Subscriber Paris(Cadence cadence, int hour = 8, int minute = 0, DayOfWeek day = DayOfWeek.Monday) =>
        new() { Id = "ana", Email = "ana@example.org", Cadence = cadence, At = new TimeOnly(hour, minute), Day = day, TimeZone = "Europe/Paris" };

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3, 28, 7, 0, "d-2026-03-28")] // 08:00 CET
    [InlineData(3, 29, 5, 59, "d-2026-03-28")] // 07:59 CEST, the first summer morning
    [InlineData(3, 29, 6, 0, "d-2026-03-29")] // 08:00 CEST
    [InlineData(10, 24, 6, 0, "d-2026-10-24")] // 08:00 CEST
    [InlineData(10, 25, 6, 59, "d-2026-10-24")] // 07:59 CET, the first winter morning
    [InlineData(10, 25, 7, 0, "d-2026-10-25")] // 08:00 CET
    [InlineData(10, 26, 6, 30, "d-2026-10-25")] // 07:30 CET
    [InlineData(10, 26, 7, 0, "d-2026-10-26")] // 08:00 CET
    public void A_daily_period_starts_at_the_local_time_whatever_the_offset(int month, int day, int hour, int minute, string period) =>
        Assert.Equal(period, DigestSchedule.CurrentPeriod(Paris(Cadence.Daily), Utc(month, day, hour, minute)));

    [Fact]
    public void Next_daily_due_times_follow_the_local_clock_through_both_changes()
    {
        var march = DueTimes(Paris(Cadence.Daily), Utc(3, 27, 12), 3);
        var october = DueTimes(Paris(Cadence.Daily), Utc(10, 23, 12), 3);

        Assert.Equal([Utc(3, 28, 7), Utc(3, 29, 6), Utc(3, 30, 6)], march);
        Assert.Equal([Utc(10, 24, 6), Utc(10, 25, 7), Utc(10, 26, 7)], october);
    }

    [Fact]
    public void A_time_that_does_not_exist_on_the_spring_night_is_due_when_the_clock_jumps()
    {
        var subscriber = Paris(Cadence.Daily, 2, 30);

        Assert.Equal([Utc(3, 28, 1, 30), Utc(3, 29, 1), Utc(3, 30, 0, 30)], DueTimes(subscriber, Utc(3, 27, 12), 3));
        Assert.Equal("d-2026-03-28", DigestSchedule.CurrentPeriod(subscriber, Utc(3, 29, 0, 59)));
        Assert.Equal("d-2026-03-29", DigestSchedule.CurrentPeriod(subscriber, Utc(3, 29, 1)));
    }

    [Fact]
    public void A_time_that_happens_twice_on_the_autumn_night_is_due_once()
    {
        var subscriber = Paris(Cadence.Daily, 2, 30);

        // 02:30 CEST is 00:30 UTC; 02:30 CET an hour later is the same local time again, not a second digest.
        Assert.Equal([Utc(10, 24, 0, 30), Utc(10, 25, 0, 30), Utc(10, 26, 1, 30)], DueTimes(subscriber, Utc(10, 23, 12), 3));
        Assert.Equal("d-2026-10-25", DigestSchedule.CurrentPeriod(subscriber, Utc(10, 25, 0, 30)));
        Assert.Equal("d-2026-10-25", DigestSchedule.CurrentPeriod(subscriber, Utc(10, 25, 1, 30)));
    }

    [Fact]
    public void Hourly_digests_come_every_real_hour_including_the_repeated_one()
    {
        var subscriber = Paris(Cadence.Hourly);

        var autumn = DueTimes(subscriber, Utc(10, 24, 23, 30), 4);
        var spring = DueTimes(subscriber, Utc(3, 28, 23, 30), 3);

        Assert.Equal([Utc(10, 25, 0), Utc(10, 25, 1), Utc(10, 25, 2), Utc(10, 25, 3)], autumn);
        Assert.Equal([Utc(3, 29, 0), Utc(3, 29, 1), Utc(3, 29, 2)], spring);
        Assert.NotEqual(DigestSchedule.CurrentPeriod(subscriber, Utc(10, 25, 0, 10)), DigestSchedule.CurrentPeriod(subscriber, Utc(10, 25, 1, 10)));
    }

    [Fact]
    public void Hourly_periods_follow_the_local_hour_in_a_half_hour_zone()
    {
        var subscriber = Paris(Cadence.Hourly) with { TimeZone = "Asia/Kolkata" };

        Assert.Equal("h-2026-11-23T09:30Z", DigestSchedule.CurrentPeriod(subscriber, Utc(11, 23, 10, 15)));
        Assert.Equal(Utc(11, 23, 10, 30), DigestSchedule.NextDue(subscriber, Utc(11, 23, 10, 15)));
    }

    [Fact]
    public void A_weekly_digest_is_due_on_its_day_at_the_local_time()
    {
        var subscriber = Paris(Cadence.Weekly, 9, 15, DayOfWeek.Sunday);

        Assert.Equal([Utc(3, 22, 8, 15), Utc(3, 29, 7, 15), Utc(4, 5, 7, 15)], DueTimes(subscriber, Utc(3, 20, 0), 3));
        Assert.Equal("w-2026-03-22", DigestSchedule.CurrentPeriod(subscriber, Utc(3, 29, 7, 14)));
        Assert.Equal("w-2026-03-29", DigestSchedule.CurrentPeriod(subscriber, Utc(3, 29, 7, 15)));
    }

    [Fact]
    public void Immediate_alerts_have_no_calendar_period_and_are_due_now()
    {
        var subscriber = Paris(Cadence.Immediate);

        Assert.Null(DigestSchedule.CurrentPeriod(subscriber, Utc(11, 23, 10)));
        Assert.Equal(Utc(11, 23, 10), DigestSchedule.NextDue(subscriber, Utc(11, 23, 10)));
    }

    [Theory]
    [InlineData(22, 0, 7, 0, 21, 59, false)]
    [InlineData(22, 0, 7, 0, 22, 0, true)]
    [InlineData(22, 0, 7, 0, 3, 0, true)]
    [InlineData(22, 0, 7, 0, 7, 0, false)]
    [InlineData(12, 0, 14, 0, 13, 0, true)]
    [InlineData(12, 0, 14, 0, 14, 0, false)]
    public void Quiet_hours_are_a_local_window_that_may_wrap_past_midnight(int fromH, int fromM, int untilH, int untilM, int h, int m, bool inside) =>
        Assert.Equal(inside, new QuietHours(new TimeOnly(fromH, fromM), new TimeOnly(untilH, untilM)).Contains(new TimeOnly(h, m)));

    [Fact]
    public void Quiet_hours_hold_immediate_alerts_until_the_window_ends_across_the_spring_change()
    {
        var subscriber = Paris(Cadence.Immediate) with { QuietHours = new QuietHours(new TimeOnly(1, 0), new TimeOnly(7, 0)) };

        // 01:30 CET on the night the clocks jump: the window ends at 07:00 CEST, 05:00 UTC.
        Assert.Equal(Utc(3, 29, 5), DigestSchedule.QuietUntil(subscriber, Utc(3, 29, 0, 30)));
        Assert.Equal(Utc(3, 29, 5), DigestSchedule.NextDue(subscriber, Utc(3, 29, 0, 30)));
        Assert.Null(DigestSchedule.QuietUntil(subscriber, Utc(3, 29, 5)));
    }

    [Fact]
    public void Quiet_hours_hold_hourly_digests_but_not_a_daily_time_the_subscriber_chose()
    {
        var quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0));

        Assert.Equal(Utc(11, 24, 6), DigestSchedule.NextDue(Paris(Cadence.Hourly) with { QuietHours = quiet }, Utc(11, 23, 21, 30)));
        Assert.Equal(Utc(11, 23, 22), DigestSchedule.NextDue(Paris(Cadence.Daily, 23) with { QuietHours = quiet }, Utc(11, 23, 21, 30)));
        Assert.Null(DigestSchedule.QuietUntil(Paris(Cadence.Daily, 23) with { QuietHours = quiet }, Utc(11, 23, 22)));
    }

    private static List<DateTimeOffset> DueTimes(Subscriber subscriber, DateTimeOffset from, int count)
    {
        var times = new List<DateTimeOffset>();
        for (var at = from; times.Count < count;)
        {
            at = DigestSchedule.NextDue(subscriber, at);
            times.Add(at.ToUniversalTime());
        }

        return times;
    }
}
