using NewsMonitor.Delivery;
using NewsMonitor.Digests;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Digests;

/// <summary>"Send now" sends what is undelivered, whatever the schedule, once, under its own key, and says what happened.</summary>
public sealed class SendNowTests
{
    // 08:30 in Paris, after a daily 08:00 digest is due.
    private static readonly DateTimeOffset Monday0830Paris = new(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);

    private static Subscriber Daily(string id = "ana") =>
        new() { Id = id, Email = $"{id}@example.org", Cadence = Cadence.Daily, At = new TimeOnly(8, 0), TimeZone = "Europe/Paris" };

    [Fact]
    public async Task A_new_daily_subscriber_gets_what_waits_now_and_nothing_is_called_already_sent()
    {
        using var host = new DigestTestHost(Monday0830Paris);
        await host.AddSubscriberAsync(Daily());

        // The page's case: "send now" with nothing, then "send due digests now", then a story arrives and "send now" again.
        var nothing = await host.Handler.SendNowAsync("ana", default);
        var due = Assert.Single(await host.Handler.SendDueAsync(default));
        var dueAgain = Assert.Single(await host.Handler.SendDueAsync(default));
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        await host.AddMatchAsync("ana", "a1", "mistral");
        var sent = await host.Handler.SendNowAsync("ana", default);
        var again = await host.Handler.SendNowAsync("ana", default);

        Assert.Equal("nothing undelivered; next digest due 2026-11-24 08:00 Europe/Paris (07:00 UTC)", nothing.Summary);
        Assert.Equal(DigestOutcomeStatus.NothingNew, due.Status);
        Assert.Equal(DigestOutcomeStatus.NothingNew, dueAgain.Status);
        Assert.DoesNotContain("already sent", dueAgain.Summary);
        Assert.Equal((DigestOutcomeStatus.Sent, 1, "sent 1 article"), (sent.Status, sent.Articles, sent.Summary));
        Assert.Equal("now-20261123T075000.000Z", sent.Period);
        Assert.Equal("ana/now-20261123T075000.000Z", Assert.Single(host.Recorded.Sent).DigestKey);
        Assert.Equal(DigestOutcomeStatus.NothingNew, again.Status);
        Assert.Equal(0, await host.PendingCountAsync("ana"));

        // The next scheduled period does not repeat it.
        host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(DigestOutcomeStatus.NothingNew, Assert.Single(await host.Handler.SendDueAsync(default)).Status);
        Assert.Single(host.Recorded.Sent);
    }

    [Fact]
    public async Task Send_now_in_a_period_already_sent_sends_what_arrived_since_under_its_own_key()
    {
        using var host = new DigestTestHost(Monday0830Paris);
        await host.AddSubscriberAsync(Daily());
        await host.AddMatchAsync("ana", "a1", "aiact");
        Assert.Equal(DigestOutcomeStatus.Sent, Assert.Single(await host.Handler.SendDueAsync(default)).Status);

        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.AddMatchAsync("ana", "a2", "mistral");
        var now = await host.Handler.SendNowAsync("ana", default);

        Assert.Equal(DigestOutcomeStatus.Sent, now.Status);
        Assert.Equal(["ana/d-2026-11-23", "ana/now-20261123T083000.000Z"], host.Recorded.Sent.Select(m => m.DigestKey));
        Assert.Contains("news.example/a2", host.Recorded.Sent.Last().TextBody);
        Assert.DoesNotContain("news.example/a1", host.Recorded.Sent.Last().TextBody);
    }

    [Fact]
    public async Task A_failed_send_now_says_why_and_when_it_is_tried_again_and_the_retry_keeps_its_key()
    {
        var failing = new FailingOnceSender();
        using var host = new DigestTestHost(Monday0830Paris, failing);
        await host.AddSubscriberAsync(Daily());
        await host.AddMatchAsync("ana", "a1", "aiact");

        var failed = await host.Handler.SendNowAsync("ana", default);
        host.Clock.Advance(SendDigestsHandler.ClaimLease + TimeSpan.FromSeconds(1));
        var retried = await host.Handler.SendNowAsync("ana", default);

        Assert.Equal("failed: relay refused; next try 2026-11-23 07:40 UTC", failed.Summary);
        Assert.Equal((DigestOutcomeStatus.Sent, failed.Period), (retried.Status, retried.Period));
        Assert.Equal("ana/now-20261123T073000.000Z", Assert.Single(failing.Accepted).DigestKey);
    }

    [Fact]
    public async Task The_preview_says_nothing_matched_yet_and_never_gives_a_due_time_already_past()
    {
        using var host = new DigestTestHost(Monday0830Paris);
        await host.AddSubscriberAsync(Daily());
        var previewer = new NewsMonitor.Management.DigestPreviewer(host.Get<NewsMonitor.Digests.DigestPreviewer>());

        var empty = await previewer.PreviewAsync("ana", default);
        Assert.Equal("Nothing matched yet", empty.Subject);

        // Something waits and today's 08:00 period has not been sent: it goes out with the next run, not "08:00".
        await host.AddMatchAsync("ana", "a1", "aiact");
        var waiting = (await host.Get<NewsMonitor.Digests.DigestPreviewer>().PreviewAsync("ana", default))!;
        Assert.True(waiting.DueNow);

        await host.Handler.SendDueAsync(default);
        var after = (await host.Get<NewsMonitor.Digests.DigestPreviewer>().PreviewAsync("ana", default))!;
        Assert.False(after.DueNow);
        Assert.True(after.NextDue > host.Clock.GetUtcNow());
        Assert.Equal("Nothing new since the last digest", (await previewer.PreviewAsync("ana", default)).Subject);
    }

    private sealed class FailingOnceSender : IEmailSender
    {
        private bool failed;

        public List<EmailMessage> Accepted { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            if (!failed)
            {
                failed = true;
                throw new InvalidOperationException("relay refused");
            }

            Accepted.Add(message);
            return Task.CompletedTask;
        }
    }
}
