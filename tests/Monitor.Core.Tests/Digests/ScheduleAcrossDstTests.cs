using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Digests;

/// <summary>
/// The real handler run every 10 minutes on a fake clock through Europe/Paris's 2026 changes, with a new match
/// every hour: when do messages actually go out?
/// </summary>
public sealed class ScheduleAcrossDstTests
{
    [Theory]
    [InlineData(3, "2026-03-28T07:00Z 2026-03-29T06:00Z 2026-03-30T06:00Z")]
    [InlineData(10, "2026-10-24T06:00Z 2026-10-25T07:00Z 2026-10-26T07:00Z")]
    public async Task A_daily_0800_digest_goes_out_once_a_day_at_0800_local(int month, string expected)
    {
        var sent = await RunAsync(new TimeOnly(8, 0), Cadence.Daily, new DateTimeOffset(2026, month, month == 3 ? 27 : 23, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(3));

        Assert.Equal(expected.Split(' '), sent);
    }

    [Fact]
    public async Task A_daily_0230_digest_goes_out_once_on_the_night_0230_happens_twice()
    {
        var sent = await RunAsync(new TimeOnly(2, 30), Cadence.Daily, new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(2));

        Assert.Equal(["2026-10-25T00:30Z", "2026-10-26T01:30Z"], sent);
    }

    [Fact]
    public async Task A_daily_0230_digest_goes_out_when_the_clock_jumps_over_0230()
    {
        var sent = await RunAsync(new TimeOnly(2, 30), Cadence.Daily, new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(2));

        Assert.Equal(["2026-03-29T01:00Z", "2026-03-30T00:30Z"], sent);
    }

    [Fact]
    public async Task An_hourly_digest_goes_out_25_times_on_the_25_hour_day()
    {
        var start = new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero); // midnight in Paris
        var sent = await RunAsync(new TimeOnly(0, 0), Cadence.Hourly, start.AddMinutes(-5), TimeSpan.FromHours(25));

        Assert.Equal(25, sent.Count);
        Assert.Equal(sent.Distinct().Count(), sent.Count);
    }

    private static async Task<List<string>> RunAsync(TimeOnly at, Cadence cadence, DateTimeOffset start, TimeSpan span)
    {
        using var host = new DigestTestHost(start);
        await host.AddSubscriberAsync(new Subscriber { Id = "ana", Email = "ana@example.org", Cadence = cadence, At = at, TimeZone = "Europe/Paris" });
        var sent = new List<string>();
        var step = TimeSpan.FromMinutes(10);
        for (var i = 0; host.Clock.GetUtcNow() < start + span; i++)
        {
            // None at the first run, which closes the period already under way: it came with nothing.
            if (i % 6 == 1)
            {
                await host.AddMatchAsync("ana", $"a{i}", "aiact");
            }

            var before = host.Recorded.Sent.Count;
            await host.Handler.SendDueAsync(default);
            if (host.Recorded.Sent.Count > before)
            {
                sent.Add(host.Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }

            host.Clock.Advance(step);
        }

        return sent;
    }
}
