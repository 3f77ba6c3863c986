using System.Globalization;
using Microsoft.Extensions.Logging;
using NewsMonitor.Delivery;
using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

public enum DigestOutcomeStatus
{
    Sent,
    NothingNew,

    /// <summary>
    /// Nothing goes now: the subscriber is unknown or not active, or the current period's digest is done and the
    /// articles waiting (<see cref="DigestOutcome.Articles"/>) go with the next one (<see cref="DigestOutcome.NextAt"/>).
    /// </summary>
    NotDue,
    AlreadySent,
    Failed,

    /// <summary>Another run is sending to this subscriber now.</summary>
    InProgress,

    /// <summary>Quiet hours: the articles waiting (<see cref="DigestOutcome.Articles"/>) go when the window ends.</summary>
    Deferred,

    /// <summary>
    /// A send of this digest failed (<see cref="DigestOutcome.Error"/> says why, when known); the same digest is
    /// tried again once its claim's lease has passed (<see cref="DigestOutcome.NextAt"/>).
    /// </summary>
    WaitingForRetry,
}

public sealed record DigestOutcome(string SubscriberId, string? Period, DigestOutcomeStatus Status, int Articles, string? Error = null)
{
    /// <summary>When a failed digest is tried again, or when the subscriber's next scheduled digest is due; null when unknown.</summary>
    public DateTimeOffset? NextAt { get; init; }

    /// <summary>The subscriber's IANA time zone, to say <see cref="NextAt"/> in the subscriber's local time too; null when unknown.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Later articles of stories already sent to the subscriber, left out rather than sent as new.</summary>
    public int RepeatsLeftOut { get; init; }

    /// <summary>What happened, in one line a person reads (the page shows it as the answer to "send now").</summary>
    public string Summary => DigestOutcomeText.Describe(this);
}

/// <summary>
/// Stages 4 and 5: for each subscriber whose period is due, gather undelivered matches, compose the digest and
/// send it exactly once.
/// <list type="bullet">
/// <item>A digest is identified by (subscriber, period): the period of a scheduled cadence, or for an immediate
/// alert its oldest inbox row. The key is claimed (<see cref="IDigestLog.TryBeginAsync"/>) before sending, so
/// the timer firing twice or an on-demand send during a scheduled one finds it taken.</item>
/// <item>The whole read-claim-send-mark sequence runs under a per-subscriber lease kept in the digest log, so two
/// runs never read the same undelivered matches into two different digests (an hourly period ending while the
/// previous one is still being sent, say).</item>
/// <item>The key is claimed together with the inbox rows the digest carries (<see cref="IDigestLog.TryClaimAsync"/>).</item>
/// <item>Matches are marked delivered only after the sender accepted the message. A failed send leaves the
/// claim in "Sending": once <see cref="ClaimLease"/> has passed, the same digest is sent again under the same key
/// with exactly the claimed rows, before any new period is opened for the subscriber, whatever the clock says.</item>
/// </list>
/// A process that dies after the sender accepted but before the matches were marked sends that digest again
/// after the lease (at-least-once); the repeat is the same message (same Message-ID, same items, same
/// unsubscribe link) and, for the pickup directory, the same file.
/// </summary>
public sealed class SendDigestsHandler(
    ISubscriberStore subscribers,
    IDigestLog log,
    DigestInbox inbox,
    DeliveredStories stories,
    DigestComposer composer,
    IMatchStore matches,
    IEmailSender sender,
    TimeProvider time,
    ILogger<SendDigestsHandler> logger)
{
    /// <summary>A "Sending" claim or subscriber lease older than this is taken to belong to a run that died or failed.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    /// <summary>The reserved period under which a subscriber's lease is kept in the digest log.</summary>
    public const string LeasePeriod = "lease";

    public async Task<IReadOnlyList<DigestOutcome>> SendDueAsync(CancellationToken ct)
    {
        var outcomes = new List<DigestOutcome>();
        foreach (var subscriber in await subscribers.ListSubscribersAsync(ct))
        {
            if (subscriber.State == SubscriberState.Active)
            {
                outcomes.Add(await SendAsync(subscriber, onDemand: false, ct) with { TimeZone = subscriber.TimeZone });
            }
        }

        return outcomes;
    }

    /// <summary>The prefix of an on-demand digest's period: "now-" and the UTC instant it was asked for.</summary>
    public const string NowPrefix = "now-";

    /// <summary>The immediate alert for one subscriber (queue "alerts"), or the current period's digest if due.</summary>
    public Task<DigestOutcome> SendForAsync(string subscriberId, CancellationToken ct) => SendForAsync(subscriberId, onDemand: false, ct);

    /// <summary>
    /// "Send now": whatever is undelivered for the subscriber, whatever the schedule or quiet hours, under its own
    /// key ("now-" and the instant), so it never takes a scheduled period's key. An unconfirmed claim still goes first.
    /// </summary>
    public Task<DigestOutcome> SendNowAsync(string subscriberId, CancellationToken ct) => SendForAsync(subscriberId, onDemand: true, ct);

    private async Task<DigestOutcome> SendForAsync(string subscriberId, bool onDemand, CancellationToken ct)
    {
        var subscriber = await subscribers.GetSubscriberAsync(subscriberId, ct);
        return subscriber is { State: SubscriberState.Active }
            ? await SendAsync(subscriber, onDemand, ct) with { TimeZone = subscriber.TimeZone }
            : new DigestOutcome(subscriberId, null, DigestOutcomeStatus.NotDue, 0, subscriber is null ? "no such subscriber" : "subscriber is not active");
    }

    private async Task<DigestOutcome> SendAsync(Subscriber subscriber, bool onDemand, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!onDemand && DigestSchedule.QuietUntil(subscriber, now) is { } quietEnd)
        {
            // Deferred only when something is held back: an empty inbox in quiet hours is just nothing new.
            var held = await inbox.CountWaitingAsync(subscriber, ct);
            return held == 0
                ? new DigestOutcome(subscriber.Id, null, DigestOutcomeStatus.NothingNew, 0)
                : new DigestOutcome(subscriber.Id, null, DigestOutcomeStatus.Deferred, held, "quiet hours") { NextAt = quietEnd };
        }

        var period = onDemand ? NowPrefix + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture) : DigestSchedule.CurrentPeriod(subscriber, now);
        var unconfirmed = await UnconfirmedAsync(subscriber, ct);
        if (unconfirmed is null && !onDemand && period is not null && await log.GetDigestAsync(subscriber.Id, period, ct) is { Status: DigestStatus.Sent or DigestStatus.Empty } done)
        {
            // What arrived since the period's digest waits for the next one: said as such, not as "nothing".
            var nextDue = DigestSchedule.NextDue(subscriber, now);
            if (await inbox.CountWaitingAsync(subscriber, ct) is > 0 and var waiting)
            {
                return new DigestOutcome(subscriber.Id, period, DigestOutcomeStatus.NotDue, waiting) { NextAt = nextDue };
            }

            // A period that came with nothing is closed, but nothing was sent in it: it is "nothing new", not "already sent".
            var status = done.Status == DigestStatus.Sent ? DigestOutcomeStatus.AlreadySent : DigestOutcomeStatus.NothingNew;
            return new DigestOutcome(subscriber.Id, period, status, 0) { NextAt = nextDue };
        }

        var lease = new DigestRecord { SubscriberId = subscriber.Id, Period = LeasePeriod, Status = DigestStatus.Sending, UpdatedAt = now };
        if (!await log.TryBeginAsync(lease, now - ClaimLease, ct))
        {
            return new DigestOutcome(subscriber.Id, period, DigestOutcomeStatus.InProgress, 0, "another run is sending to this subscriber");
        }

        try
        {
            // A claimed digest that was never confirmed goes first, under its own key, whatever period the clock is
            // in now: no new period is opened while one is unresolved.
            return unconfirmed is not null
                ? await ResendAsync(subscriber, unconfirmed, now, ct)
                : await SendLeasedAsync(subscriber, period, closeEmpty: !onDemand, now, ct);
        }
        finally
        {
            // Released by making the lease stale at once; not cancellable, or a cancelled run would hold it.
            await log.SaveDigestAsync(lease with { UpdatedAt = DateTimeOffset.UnixEpoch }, CancellationToken.None);
        }
    }

    /// <summary>The subscriber's oldest digest claimed and not confirmed sent (the lease aside), if any.</summary>
    private async Task<DigestRecord?> UnconfirmedAsync(Subscriber subscriber, CancellationToken ct) =>
        (await log.ListUnconfirmedAsync(subscriber.Id, ct)).FirstOrDefault(d => d.Period != LeasePeriod);

    private async Task<DigestOutcome> SendLeasedAsync(Subscriber subscriber, string? period, bool closeEmpty, DateTimeOffset now, CancellationToken ct)
    {
        var (pending, repeats) = await stories.SplitAsync(subscriber.Id, await inbox.ReadAsync(subscriber, ct), ct);
        await stories.LeaveOutAsync(subscriber.Id, repeats, ct);
        var leftOut = repeats.Select(r => r.ArticleId).Distinct(StringComparer.Ordinal).Count();
        if (pending.Items.Count == 0)
        {
            // A scheduled period that came with nothing in it is closed: later matches wait for the next period.
            var empty = closeEmpty && period is not null && await log.TryBeginAsync(Claim(subscriber, period, 0, now), now - ClaimLease, ct);
            if (empty)
            {
                await log.SaveDigestAsync(Claim(subscriber, period!, 0, now) with { Status = DigestStatus.Empty }, ct);
            }

            var next = subscriber.Cadence == Cadence.Immediate ? (DateTimeOffset?)null : DigestSchedule.NextDue(subscriber, now);
            return new DigestOutcome(subscriber.Id, period, DigestOutcomeStatus.NothingNew, 0) { NextAt = next, RepeatsLeftOut = leftOut };
        }

        period ??= pending.ImmediatePeriod();
        var key = $"{subscriber.Id}/{period}";
        var digest = composer.Build(subscriber, pending);
        var message = composer.Compose(digest, key, now);
        var claim = Claim(subscriber, period, digest.TotalArticles, now) with { MessageId = MimeMessageFactory.MessageIdFor(key, message.From.Address), ClaimedAt = now };

        // The key is claimed with exactly the rows this digest carries: a resend carries them and nothing newer.
        if (!await log.TryClaimAsync(claim, pending.Pending, ct))
        {
            return await log.GetDigestAsync(subscriber.Id, period, ct) is { Status: DigestStatus.Sending } taken
                ? new DigestOutcome(subscriber.Id, period, DigestOutcomeStatus.InProgress, 0, "a send of this digest failed recently; it is retried once its claim expires") { NextAt = taken.UpdatedAt + ClaimLease }
                : new DigestOutcome(subscriber.Id, period, DigestOutcomeStatus.AlreadySent, 0);
        }

        return await DeliverAsync(subscriber, claim, pending, digest, message, ct) with { RepeatsLeftOut = leftOut };
    }

    /// <summary>
    /// Takes over a claim whose send failed or whose sender died (once its lease has passed) and sends the same
    /// digest again: same key, same Message-ID, the items recorded with the claim, composed as of the claim.
    /// </summary>
    private async Task<DigestOutcome> ResendAsync(Subscriber subscriber, DigestRecord unconfirmed, DateTimeOffset now, CancellationToken ct)
    {
        var claim = unconfirmed with { UpdatedAt = now };
        if (!await log.TryBeginAsync(claim, now - ClaimLease, ct))
        {
            // Under the subscriber's lease nobody else is sending: a claim still within its own lease is a failed send.
            return await log.GetDigestAsync(subscriber.Id, claim.Period, ct) is { Status: DigestStatus.Sending } taken
                ? new DigestOutcome(subscriber.Id, claim.Period, DigestOutcomeStatus.WaitingForRetry, taken.ItemCount, taken.LastError ?? "the last send did not complete") { NextAt = taken.UpdatedAt + ClaimLease }
                : new DigestOutcome(subscriber.Id, claim.Period, DigestOutcomeStatus.AlreadySent, 0);
        }

        var claimed = await log.GetClaimedItemsAsync(subscriber.Id, claim.Period, ct);

        // A claim recorded without its items (by an older version) carries what is waiting now.
        var pending = claimed.Count > 0 ? await inbox.ReadClaimedAsync(claimed, ct) : await inbox.ReadAsync(subscriber, ct);
        var digest = composer.Build(subscriber, pending);
        var message = composer.Compose(digest, claim.Key, claim.ClaimedAt ?? claim.UpdatedAt);
        return await DeliverAsync(subscriber, claim, pending, digest, message, ct);
    }

    private async Task<DigestOutcome> DeliverAsync(Subscriber subscriber, DigestRecord claim, PendingDigest pending, Digest digest, EmailMessage message, CancellationToken ct)
    {
        try
        {
            await sender.SendAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The claim stays "Sending" and the matches stay pending: the next run after the lease retries this digest.
            logger.LogError(e, "Sending digest {Key} failed; it will be retried", claim.Key);
            await log.RecordFailureAsync(subscriber.Id, claim.Period, e.Message, CancellationToken.None);
            return new DigestOutcome(subscriber.Id, claim.Period, DigestOutcomeStatus.Failed, digest.TotalArticles, e.Message) { NextAt = claim.UpdatedAt + ClaimLease };
        }

        await matches.MarkDeliveredAsync(subscriber.Id, pending.Pending, claim.Key, CancellationToken.None);
        await stories.RecordAsync(subscriber.Id, pending, time.GetUtcNow(), CancellationToken.None);
        await log.SaveDigestAsync(claim with { Status = DigestStatus.Sent, UpdatedAt = time.GetUtcNow() }, CancellationToken.None);
        logger.LogInformation("Sent digest {Key} with {Count} stories to {Email}", claim.Key, digest.TotalArticles, subscriber.Email);
        return new DigestOutcome(subscriber.Id, claim.Period, DigestOutcomeStatus.Sent, digest.TotalArticles);
    }

    private static DigestRecord Claim(Subscriber subscriber, string period, int items, DateTimeOffset now) =>
        new() { SubscriberId = subscriber.Id, Period = period, Status = DigestStatus.Sending, ItemCount = items, UpdatedAt = now };
}
