using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsMonitor.Delivery;
using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

public enum DigestOutcomeStatus
{
    Sent,
    NothingNew,
    NotDue,
    AlreadySent,
    Failed,
}

public sealed record DigestOutcome(string SubscriberId, string? Period, DigestOutcomeStatus Status, int Articles, string? Error = null);

/// <summary>
/// Stages 4 and 5: for each subscriber whose period is due, gather undelivered matches, compose the digest
/// and send it exactly once. The (subscriber, period) key is claimed before sending and the matches are
/// marked delivered only after the sender accepted the message; a failed send leaves them pending.
/// </summary>
public sealed class SendDigestsHandler(
    ISubscriberStore subscribers,
    IMatchStore matches,
    IArticleStore articles,
    ITermStore terms,
    IDigestLog log,
    IEmailSender sender,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time,
    ILogger<SendDigestsHandler> logger)
{
    /// <summary>A "Sending" claim older than this is taken to belong to a sender that died.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    public async Task<IReadOnlyList<DigestOutcome>> SendDueAsync(CancellationToken ct)
    {
        var outcomes = new List<DigestOutcome>();
        foreach (var subscriber in await subscribers.ListSubscribersAsync(ct))
        {
            if (subscriber.State == SubscriberState.Active)
            {
                outcomes.Add(await SendAsync(subscriber, ct));
            }
        }

        return outcomes;
    }

    /// <summary>The immediate alert for one subscriber (queue "alerts"), or "send now" for one subscriber.</summary>
    public async Task<DigestOutcome> SendForAsync(string subscriberId, CancellationToken ct)
    {
        var subscriber = await subscribers.GetSubscriberAsync(subscriberId, ct);
        return subscriber is { State: SubscriberState.Active }
            ? await SendAsync(subscriber, ct)
            : new DigestOutcome(subscriberId, null, DigestOutcomeStatus.NotDue, 0, subscriber is null ? "no such subscriber" : "subscriber is not active");
    }

    private async Task<DigestOutcome> SendAsync(Subscriber subscriber, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var period = DigestSchedule.CurrentPeriod(subscriber, now);
        if (period is not null && await log.GetDigestAsync(subscriber.Id, period, ct) is { Status: DigestStatus.Sent or DigestStatus.Empty })
        {
            return new DigestOutcome(subscriber.Id, period, DigestOutcomeStatus.AlreadySent, 0);
        }

        var watchlist = await terms.ListTermsAsync(ct);
        var (items, pending) = await GatherAsync(subscriber, watchlist, ct);
        if (items.Count == 0)
        {
            if (period is not null)
            {
                await log.SaveDigestAsync(new DigestRecord { SubscriberId = subscriber.Id, Period = period, Status = DigestStatus.Empty, UpdatedAt = now }, ct);
            }

            return new DigestOutcome(subscriber.Id, period, DigestOutcomeStatus.NothingNew, 0);
        }

        // Immediate alerts have no calendar period: the set of matches they carry is their identity.
        period ??= "i-" + ImmediateKey(pending);
        var key = $"{subscriber.Id}/{period}";
        var claim = new DigestRecord { SubscriberId = subscriber.Id, Period = period, Status = DigestStatus.Sending, ItemCount = items.Count, UpdatedAt = now };
        if (!await log.TryBeginAsync(claim, now - ClaimLease, ct))
        {
            return new DigestOutcome(subscriber.Id, period, DigestOutcomeStatus.AlreadySent, 0);
        }

        var digest = DigestBuilder.Build(subscriber, items, watchlist);
        var message = new EmailMessage
        {
            From = new EmailAddress(delivery.Value.FromAddress, delivery.Value.FromName),
            To = new EmailAddress(subscriber.Email, subscriber.Name),
            Subject = digest.Subject,
            HtmlBody = DigestHtmlRenderer.Render(digest),
            TextBody = DigestTextRenderer.Render(digest),
            DigestKey = key,
        };
        try
        {
            await sender.SendAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The claim stays "Sending": the next run after the lease retries this very digest.
            logger.LogError(e, "Sending digest {Key} failed; it will be retried", key);
            return new DigestOutcome(subscriber.Id, period, DigestOutcomeStatus.Failed, items.Count, e.Message);
        }

        await matches.MarkDeliveredAsync(subscriber.Id, pending, key, ct);
        await log.SaveDigestAsync(claim with { Status = DigestStatus.Sent, UpdatedAt = time.GetUtcNow() }, ct);
        logger.LogInformation("Sent digest {Key} with {Count} articles to {Email}", key, items.Count, subscriber.Email);
        return new DigestOutcome(subscriber.Id, period, DigestOutcomeStatus.Sent, items.Count);
    }

    private async Task<(List<DigestItem> Items, List<PendingItem> Pending)> GatherAsync(Subscriber subscriber, IReadOnlyList<WatchTerm> watchlist, CancellationToken ct)
    {
        var termsById = watchlist.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var pending = (await matches.ListPendingAsync(subscriber.Id, ct))
            .Where(p => termsById.ContainsKey(p.TermId) && subscriber.Follows(p.TermId))
            .ToList();
        var items = new List<DigestItem>();
        foreach (var group in pending.GroupBy(p => p.ArticleId))
        {
            var article = await articles.GetArticleAsync(group.Key, ct);
            if (article is null)
            {
                continue;
            }

            var termIds = group.Select(p => p.TermId).ToHashSet(StringComparer.Ordinal);
            var rows = (await matches.ListMatchesForArticleAsync(article.Id, ct)).Where(m => termIds.Contains(m.TermId));
            var highlights = rows.SelectMany(m => m.Highlights).Distinct().ToList();
            items.Add(new DigestItem(article, watchlist.Where(t => termIds.Contains(t.Id)).ToList(), highlights));
        }

        return (items, pending);
    }

    private static string ImmediateKey(IEnumerable<PendingItem> pending)
    {
        var joined = string.Join('\n', pending.Select(p => $"{p.ArticleId}:{p.TermId}").Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(joined)).AsSpan(0, 8));
    }
}
