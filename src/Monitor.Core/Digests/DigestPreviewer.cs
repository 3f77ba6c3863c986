using NewsMonitor.Delivery;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// A subscriber's next digest as it would be sent now, and when it goes out: <paramref name="DueNow"/> when the next
/// run sends it (an immediate alert, a scheduled period already due and not yet sent, a failed send whose retry time
/// has come), else at <paramref name="NextDue"/>, never a time already past. Null message when nothing is waiting;
/// <paramref name="EverSent"/> tells "nothing new since the last digest" from "nothing matched yet".
/// </summary>
public sealed record DigestPreview(Subscriber Subscriber, EmailMessage? Message, int Stories, DateTimeOffset NextDue, bool DueNow = false, bool EverSent = false);

/// <summary>Renders a subscriber's next digest without claiming, sending or marking anything (the `digest preview` verb).</summary>
public sealed class DigestPreviewer(ISubscriberStore subscribers, DigestInbox inbox, DeliveredStories stories, DigestComposer composer, IDigestLog log, TimeProvider time)
{
    public async Task<DigestPreview?> PreviewAsync(string subscriberId, CancellationToken ct)
    {
        if (await subscribers.GetSubscriberAsync(subscriberId, ct) is not { } subscriber)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var everSent = await log.HasSentAsync(subscriber.Id, ct);
        var (pending, _) = await stories.SplitAsync(subscriber.Id, await inbox.ReadAsync(subscriber, ct), ct);
        var (next, dueNow) = await NextAsync(subscriber, pending.Items.Count > 0, now, ct);
        if (pending.Items.Count == 0)
        {
            return new DigestPreview(subscriber, null, 0, next, dueNow, everSent);
        }

        var period = DigestSchedule.CurrentPeriod(subscriber, next) ?? pending.ImmediatePeriod();
        var digest = composer.Build(subscriber, pending);
        return new DigestPreview(subscriber, composer.Compose(digest, $"{subscriber.Id}/{period}"), digest.TotalArticles, next, dueNow, everSent);
    }

    private async Task<(DateTimeOffset Next, bool DueNow)> NextAsync(Subscriber subscriber, bool waiting, DateTimeOffset now, CancellationToken ct)
    {
        // A failed send is retried first, once its claim has expired.
        if ((await log.ListUnconfirmedAsync(subscriber.Id, ct)).FirstOrDefault(d => d.Period != SendDigestsHandler.LeasePeriod) is { } claim)
        {
            var retry = claim.UpdatedAt + SendDigestsHandler.ClaimLease;
            return retry > now ? (retry, false) : (now, true);
        }

        var next = DigestSchedule.NextDue(subscriber, now);
        if (subscriber.Cadence == Cadence.Immediate)
        {
            return (next, next <= now);
        }

        // The current period fell due but no run has recorded it yet: the next run sends what is waiting.
        var current = DigestSchedule.CurrentPeriod(subscriber, now);
        var unsent = waiting && current is not null && await log.GetDigestAsync(subscriber.Id, current, ct) is null
            && DigestSchedule.QuietUntil(subscriber, now) is null;
        return unsent ? (now, true) : (next, false);
    }
}
