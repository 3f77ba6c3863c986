using NewsMonitor.Delivery;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Digests;

/// <summary>A digest is (subscriber, period): whatever runs, overlaps or fails, it reaches the sender's acceptance once.</summary>
public sealed class ExactlyOnceTests
{
    // 08:30 in Paris, after a daily 08:00 digest is due.
    private static readonly DateTimeOffset Monday0830Paris = new(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);

    private static Subscriber Daily(string id = "ana") =>
        new() { Id = id, Email = $"{id}@example.org", Cadence = Cadence.Daily, At = new TimeOnly(8, 0), TimeZone = "Europe/Paris" };

    private static Subscriber Immediate(string id = "ana") =>
        new() { Id = id, Email = $"{id}@example.org", Cadence = Cadence.Immediate, TimeZone = "Europe/Paris" };

    [Fact]
    public async Task The_timer_firing_twice_in_a_period_sends_the_digest_once()
    {
        using var host = new DigestTestHost(Monday0830Paris);
        await host.AddSubscriberAsync(Daily());
        await host.AddMatchAsync("ana", "a1", "aiact");

        var first = Assert.Single(await host.Handler.SendDueAsync(default));
        var second = Assert.Single(await host.Handler.SendDueAsync(default));

        Assert.Equal(DigestOutcomeStatus.Sent, first.Status);
        Assert.Equal(DigestOutcomeStatus.AlreadySent, second.Status);
        Assert.Single(host.Recorded.Sent);
        Assert.Equal("ana/d-2026-11-23", host.Recorded.Sent.Single().DigestKey);
        Assert.Equal(0, await host.PendingCountAsync("ana"));
    }

    [Fact]
    public async Task A_period_that_came_with_nothing_is_closed_and_later_matches_wait_for_the_next_one()
    {
        using var host = new DigestTestHost(Monday0830Paris);
        await host.AddSubscriberAsync(Daily());

        Assert.Equal(DigestOutcomeStatus.NothingNew, (await host.Handler.SendForAsync("ana", default)).Status);
        host.Clock.Advance(TimeSpan.FromHours(2));
        await host.AddMatchAsync("ana", "a1", "aiact");
        var closed = await host.Handler.SendForAsync("ana", default);
        Assert.Equal((DigestOutcomeStatus.NotDue, 1), (closed.Status, closed.Articles));
        Assert.Equal("not due yet: 1 article waiting; next digest due 2026-11-24 08:00 Europe/Paris (07:00 UTC)", closed.Summary);
        Assert.Empty(host.Recorded.Sent);

        host.Clock.Advance(TimeSpan.FromHours(22));
        var next = await host.Handler.SendForAsync("ana", default);

        Assert.Equal((DigestOutcomeStatus.Sent, "d-2026-11-24"), (next.Status, next.Period));
        Assert.Single(host.Recorded.Sent);
    }

    [Fact]
    public async Task An_on_demand_send_during_a_scheduled_one_sends_nothing_more()
    {
        var gate = new GateSender();
        using var host = new DigestTestHost(Monday0830Paris, gate);
        await host.AddSubscriberAsync(Daily());
        await host.AddMatchAsync("ana", "a1", "aiact");

        var scheduled = host.Handler.SendDueAsync(default);
        await gate.Entered;
        var onDemand = await host.Handler.SendForAsync("ana", default);
        gate.Release();
        var scheduledOutcome = Assert.Single(await scheduled);
        var afterwards = await host.Handler.SendForAsync("ana", default);

        Assert.Equal(DigestOutcomeStatus.InProgress, onDemand.Status);
        Assert.Equal(DigestOutcomeStatus.Sent, scheduledOutcome.Status);
        Assert.Equal(DigestOutcomeStatus.AlreadySent, afterwards.Status);
        Assert.Equal(1, gate.Calls);
    }

    [Fact]
    public async Task An_alert_during_a_send_neither_repeats_its_matches_nor_loses_the_new_one()
    {
        var gate = new GateSender();
        using var host = new DigestTestHost(Monday0830Paris, gate);
        await host.AddSubscriberAsync(Immediate());
        await host.AddMatchAsync("ana", "a1", "aiact");

        var first = host.Handler.SendForAsync("ana", default);
        await gate.Entered;
        await host.AddMatchAsync("ana", "a2", "mistral");
        var during = await host.Handler.SendForAsync("ana", default);
        gate.Release();
        await first;
        gate.Reset();
        gate.Release();
        var after = await host.Handler.SendForAsync("ana", default);

        Assert.Equal(DigestOutcomeStatus.InProgress, during.Status);
        Assert.Equal(DigestOutcomeStatus.Sent, after.Status);
        Assert.Equal(2, gate.Messages.Count);
        Assert.Contains("news.example/a1", gate.Messages[0].TextBody);
        Assert.DoesNotContain("news.example/a2", gate.Messages[0].TextBody);
        Assert.Contains("news.example/a2", gate.Messages[1].TextBody);
        Assert.DoesNotContain("news.example/a1", gate.Messages[1].TextBody);
    }

    [Fact]
    public async Task An_hourly_period_ending_while_its_digest_is_being_sent_does_not_resend_its_matches()
    {
        var gate = new GateSender();
        using var host = new DigestTestHost(new DateTimeOffset(2026, 11, 23, 10, 59, 30, TimeSpan.Zero), gate);
        await host.AddSubscriberAsync(Daily() with { Cadence = Cadence.Hourly });
        await host.AddMatchAsync("ana", "a1", "aiact");

        var slow = host.Handler.SendDueAsync(default);
        await gate.Entered;
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var nextHour = Assert.Single(await host.Handler.SendDueAsync(default));
        gate.Release();
        var sent = Assert.Single(await slow);
        var retry = Assert.Single(await host.Handler.SendDueAsync(default));

        Assert.Equal((DigestOutcomeStatus.Sent, "h-2026-11-23T10:00Z"), (sent.Status, sent.Period));
        Assert.Equal(DigestOutcomeStatus.InProgress, nextHour.Status);
        Assert.Equal((DigestOutcomeStatus.NothingNew, "h-2026-11-23T11:00Z"), (retry.Status, retry.Period));
        Assert.Equal(1, gate.Calls);
    }

    [Fact]
    public async Task A_failed_send_keeps_the_matches_and_is_retried_under_the_same_key_after_the_lease()
    {
        var flaky = new FlakySender(failures: 1);
        using var host = new DigestTestHost(Monday0830Paris, flaky);
        await host.AddSubscriberAsync(Daily());
        await host.AddMatchAsync("ana", "a1", "aiact");
        await host.AddMatchAsync("ana", "a2", "mistral");

        var failed = Assert.Single(await host.Handler.SendDueAsync(default));
        Assert.Equal(DigestOutcomeStatus.Failed, failed.Status);
        Assert.Contains("relay refused", failed.Error);
        Assert.Equal(2, await host.PendingCountAsync("ana"));

        var tooSoon = Assert.Single(await host.Handler.SendDueAsync(default));
        Assert.Equal(DigestOutcomeStatus.WaitingForRetry, tooSoon.Status);
        Assert.Equal("waiting for retry after a failed send: SMTP relay refused: 451 try again later; next try 2026-11-23 07:40 UTC", tooSoon.Summary);
        Assert.Equal(1, flaky.Attempts);

        host.Clock.Advance(SendDigestsHandler.ClaimLease + TimeSpan.FromSeconds(1));
        var retried = Assert.Single(await host.Handler.SendDueAsync(default));

        Assert.Equal(DigestOutcomeStatus.Sent, retried.Status);
        Assert.Equal(2, flaky.Attempts);
        var accepted = Assert.Single(flaky.Accepted);
        Assert.Equal("ana/d-2026-11-23", accepted.DigestKey);
        Assert.Equal(flaky.Keys[0], accepted.DigestKey);
        Assert.Equal(0, await host.PendingCountAsync("ana"));
        Assert.Equal(DigestStatus.Sent, (await host.Get<IDigestLog>().GetDigestAsync("ana", "d-2026-11-23"))!.Status);
        Assert.Equal(DigestOutcomeStatus.AlreadySent, Assert.Single(await host.Handler.SendDueAsync(default)).Status);
    }

    [Fact]
    public async Task Matches_are_marked_delivered_only_once_the_sender_accepted_the_message()
    {
        var observed = -1;
        DigestTestHost? host = null;
        var probe = new ProbeSender(async () => observed = await host!.PendingCountAsync("ana"));
        host = new DigestTestHost(Monday0830Paris, probe);
        using (host)
        {
            await host.AddSubscriberAsync(Daily());
            await host.AddMatchAsync("ana", "a1", "aiact");

            await host.Handler.SendDueAsync(default);

            Assert.Equal(1, observed);
            Assert.Equal(0, await host.PendingCountAsync("ana"));
        }
    }

    [Fact]
    public async Task A_failed_immediate_alert_is_retried_with_the_same_key_and_content_and_newer_matches_wait_for_the_next()
    {
        var flaky = new FlakySender(failures: 1);
        using var host = new DigestTestHost(Monday0830Paris, flaky);
        await host.AddSubscriberAsync(Immediate());
        await host.AddMatchAsync("ana", "a1", "aiact");

        Assert.Equal(DigestOutcomeStatus.Failed, (await host.Handler.SendForAsync("ana", default)).Status);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.AddMatchAsync("ana", "a2", "mistral");
        Assert.Equal(DigestOutcomeStatus.WaitingForRetry, (await host.Handler.SendForAsync("ana", default)).Status);
        host.Clock.Advance(SendDigestsHandler.ClaimLease);
        var retried = await host.Handler.SendForAsync("ana", default);

        Assert.Equal(DigestOutcomeStatus.Sent, retried.Status);
        var accepted = Assert.Single(flaky.Accepted);
        Assert.Equal(flaky.Keys[0], accepted.DigestKey);
        Assert.Contains("news.example/a1", accepted.TextBody);
        Assert.DoesNotContain("news.example/a2", accepted.TextBody);
        Assert.Equal(1, await host.PendingCountAsync("ana"));

        var next = await host.Handler.SendForAsync("ana", default);

        Assert.Equal(DigestOutcomeStatus.Sent, next.Status);
        Assert.NotEqual(accepted.DigestKey, flaky.Accepted[1].DigestKey);
        Assert.Contains("news.example/a2", flaky.Accepted[1].TextBody);
        Assert.Equal(0, await host.PendingCountAsync("ana"));
    }

    [Fact]
    public async Task Paused_and_unsubscribed_subscribers_get_nothing()
    {
        using var host = new DigestTestHost(Monday0830Paris);
        await host.AddSubscriberAsync(Daily("paused") with { State = SubscriberState.Paused });
        await host.AddSubscriberAsync(Daily("gone") with { State = SubscriberState.Unsubscribed });
        await host.AddMatchAsync("paused", "a1", "aiact");
        await host.AddMatchAsync("gone", "a1", "aiact");

        Assert.Empty(await host.Handler.SendDueAsync(default));
        Assert.Equal(DigestOutcomeStatus.NotDue, (await host.Handler.SendForAsync("gone", default)).Status);
        Assert.Empty(host.Recorded.Sent);
    }

    [Fact]
    public async Task An_immediate_alert_in_quiet_hours_waits_until_the_window_ends()
    {
        // 23:00 in Paris; quiet from 22:00 to 07:00 local.
        using var host = new DigestTestHost(new DateTimeOffset(2026, 11, 23, 22, 0, 0, TimeSpan.Zero));
        await host.AddSubscriberAsync(Immediate() with { QuietHours = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0)) });
        await host.AddMatchAsync("ana", "a1", "aiact");

        var night = await host.Handler.SendForAsync("ana", default);
        host.Clock.Advance(TimeSpan.FromHours(7.98));
        var justBefore = Assert.Single(await host.Handler.SendDueAsync(default));
        host.Clock.Advance(TimeSpan.FromHours(0.02));
        var morning = Assert.Single(await host.Handler.SendDueAsync(default));

        Assert.Equal(DigestOutcomeStatus.Deferred, night.Status);
        Assert.Equal("deferred for quiet hours: 1 article waiting until 2026-11-24 07:00 Europe/Paris (06:00 UTC)", night.Summary);
        Assert.Equal(DigestOutcomeStatus.Deferred, justBefore.Status);
        Assert.Equal(DigestOutcomeStatus.Sent, morning.Status);
        Assert.Single(host.Recorded.Sent);
    }

    /// <summary>Holds each send until released, to overlap runs deterministically.</summary>
    private sealed class GateSender : IEmailSender
    {
        private TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls { get; private set; }

        public List<EmailMessage> Messages { get; } = [];

        /// <summary>A safety net so that a regression fails the test instead of hanging the run.</summary>
        public static TimeSpan Patience => TimeSpan.FromSeconds(30);

        public Task Entered => entered.Task.WaitAsync(Patience);

        public void Release() => release.TrySetResult();

        public void Reset()
        {
            entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
            release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public async Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            Calls++;
            entered.TrySetResult();
            await release.Task.WaitAsync(Patience, ct);
            Messages.Add(message);
        }
    }

    /// <summary>Refuses the first <c>failures</c> messages the way a relay does, then accepts.</summary>
    private sealed class FlakySender(int failures) : IEmailSender
    {
        public int Attempts { get; private set; }

        public List<string> Keys { get; } = [];

        public List<EmailMessage> Accepted { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            Attempts++;
            Keys.Add(message.DigestKey);
            if (Attempts <= failures)
            {
                throw new EmailSendException("SMTP relay refused: 451 try again later");
            }

            Accepted.Add(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>Looks at the store while the message is being handed over.</summary>
    private sealed class ProbeSender(Func<Task> probe) : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken ct) => probe();
    }
}
