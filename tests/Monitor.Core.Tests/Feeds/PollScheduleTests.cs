using Microsoft.Extensions.Options;
using NewsMonitor.Feeds;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Feeds;

public sealed class PollScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly FeedSource Feed = new() { Id = "f", Url = "https://example.com/feed" };

    [Fact]
    public void After_a_success_the_feed_waits_its_interval()
    {
        var schedule = Schedule();

        Assert.Equal(Now.AddMinutes(15), schedule.AfterSuccess(Feed, Now, null));
        Assert.Equal(Now.AddMinutes(5), schedule.AfterSuccess(Feed with { Interval = TimeSpan.FromMinutes(5) }, Now, null));
    }

    [Fact]
    public void Server_and_feed_hints_stretch_the_interval_but_never_shorten_it()
    {
        var schedule = Schedule();

        Assert.Equal(Now.AddHours(1), schedule.AfterSuccess(Feed, Now, TimeSpan.FromHours(1)));
        Assert.Equal(Now.AddHours(2), schedule.AfterSuccess(Feed, Now, TimeSpan.FromHours(1), TimeSpan.FromHours(2)));
        Assert.Equal(Now.AddMinutes(15), schedule.AfterSuccess(Feed, Now, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1)));
        Assert.Equal(Now.AddHours(24), schedule.AfterSuccess(Feed, Now, TimeSpan.FromDays(30)));
    }

    [Fact]
    public void Failures_back_off_exponentially_with_jitter_from_five_minutes_to_a_day()
    {
        var schedule = Schedule(seed: 1);

        var waits = Enumerable.Range(1, 12).Select(n => schedule.AfterFailure(n, Now, null) - Now).ToList();

        for (var n = 1; n <= 12; n++)
        {
            var nominal = Math.Min(5 * Math.Pow(2, n - 1), 24 * 60);
            Assert.InRange(waits[n - 1].TotalMinutes, nominal * 0.8, Math.Min(nominal * 1.2, 24 * 60));
        }

        Assert.Equal(waits.Count, waits.Distinct().Count());
    }

    [Fact]
    public void Jitter_is_reproducible_with_a_seed_and_differs_between_seeds()
    {
        var first = Enumerable.Range(1, 5).Select(n => Schedule(seed: 7).AfterFailure(n, Now, null)).ToList();
        var again = Enumerable.Range(1, 5).Select(n => Schedule(seed: 7).AfterFailure(n, Now, null)).ToList();
        var other = Enumerable.Range(1, 5).Select(n => Schedule(seed: 8).AfterFailure(n, Now, null)).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_feed_is_never_given_up()
    {
        var schedule = Schedule(seed: 3);

        foreach (var failures in new[] { 17, 100, 10_000, int.MaxValue })
        {
            Assert.InRange(schedule.AfterFailure(failures, Now, null) - Now, TimeSpan.FromHours(19.2), TimeSpan.FromHours(24));
        }
    }

    [Fact]
    public void A_longer_Retry_After_is_honoured_up_to_a_day()
    {
        var schedule = Schedule(seed: 2);

        Assert.Equal(Now.AddHours(3), schedule.AfterFailure(1, Now, TimeSpan.FromHours(3)));
        Assert.Equal(Now.AddHours(24), schedule.AfterFailure(1, Now, TimeSpan.FromDays(3)));
        Assert.InRange(schedule.AfterFailure(1, Now, TimeSpan.FromSeconds(10)) - Now, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
    }

    private static PollSchedule Schedule(int seed = 0) => new(Options.Create(new FeedFetchOptions()), new Random(seed));
}
