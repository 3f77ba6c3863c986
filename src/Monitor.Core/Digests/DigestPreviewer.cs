using NewsMonitor.Delivery;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>A subscriber's next digest as it would be sent now, and when it is due; null message when nothing is waiting.</summary>
public sealed record DigestPreview(Subscriber Subscriber, EmailMessage? Message, int Stories, DateTimeOffset NextDue);

/// <summary>Renders a subscriber's next digest without claiming, sending or marking anything (the `digest preview` verb).</summary>
public sealed class DigestPreviewer(ISubscriberStore subscribers, DigestInbox inbox, DigestComposer composer, TimeProvider time)
{
    public async Task<DigestPreview?> PreviewAsync(string subscriberId, CancellationToken ct)
    {
        if (await subscribers.GetSubscriberAsync(subscriberId, ct) is not { } subscriber)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var next = DigestSchedule.NextDue(subscriber, now);
        var pending = await inbox.ReadAsync(subscriber, ct);
        if (pending.Items.Count == 0)
        {
            return new DigestPreview(subscriber, null, 0, next);
        }

        var period = DigestSchedule.CurrentPeriod(subscriber, next) ?? pending.ImmediatePeriod();
        var digest = composer.Build(subscriber, pending);
        return new DigestPreview(subscriber, composer.Compose(digest, $"{subscriber.Id}/{period}"), digest.TotalArticles, next);
    }
}
