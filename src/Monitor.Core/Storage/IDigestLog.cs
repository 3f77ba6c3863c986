namespace NewsMonitor.Storage;

public enum DigestStatus
{
    /// <summary>Claimed by a sender; if it stays here the send is retried with the same key.</summary>
    Sending,
    Sent,

    /// <summary>The period came and there was nothing to send; it is not sent later.</summary>
    Empty,
}

/// <summary>One digest, keyed by (subscriber, period). A recorded send is never repeated.</summary>
public sealed record DigestRecord
{
    public required string SubscriberId { get; init; }
    public required string Period { get; init; }
    public required DigestStatus Status { get; init; }
    public int ItemCount { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public string? MessageId { get; init; }

    /// <summary>When the key was first claimed: the message is composed as of then, so a resend is the same message.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>Why the last send under this claim failed, so that a later run can say why the digest still waits.</summary>
    public string? LastError { get; init; }

    public string Key => $"{SubscriberId}/{Period}";

    /// <summary>The check every <see cref="IDigestLog.SaveDigestsAsync"/> makes: the records are all of the subscriber named.</summary>
    public static void EnsureAllOf(string subscriberId, IEnumerable<DigestRecord> records)
    {
        if (records.Any(r => r.SubscriberId != subscriberId))
        {
            throw new ArgumentException($"every record must be of subscriber {subscriberId}", nameof(records));
        }
    }
}

public interface IDigestLog
{
    Task<DigestRecord?> GetDigestAsync(string subscriberId, string period, CancellationToken ct = default);

    /// <summary>The most recent digest recorded for the subscriber, whatever its status.</summary>
    Task<DigestRecord?> GetLastDigestAsync(string subscriberId, CancellationToken ct = default);

    /// <summary>Whether any digest was ever sent to the subscriber (a closed empty period or a claim is not one).</summary>
    Task<bool> HasSentAsync(string subscriberId, CancellationToken ct = default);

    /// <summary>The records of these periods of the subscriber that exist, in no particular order.</summary>
    Task<IReadOnlyList<DigestRecord>> GetDigestsAsync(string subscriberId, IReadOnlyCollection<string> periods, CancellationToken ct = default);

    /// <summary>Inserts or replaces the record for (subscriber, period).</summary>
    Task SaveDigestAsync(DigestRecord record, CancellationToken ct = default);

    /// <summary>
    /// <see cref="SaveDigestAsync"/> for many records of one subscriber. Not atomic as a whole (Tables writes them 100 to a
    /// transaction), but each record is an upsert, so writing them again after a failure part-way completes the change.
    /// </summary>
    Task SaveDigestsAsync(string subscriberId, IReadOnlyCollection<DigestRecord> records, CancellationToken ct = default);

    /// <summary>
    /// Claims (subscriber, period) for sending: true when no record exists, or when a "Sending" claim is
    /// older than <paramref name="staleBefore"/> (its sender died). Atomic, so two senders never both win.
    /// </summary>
    Task<bool> TryBeginAsync(DigestRecord sending, DateTimeOffset staleBefore, CancellationToken ct = default);

    /// <summary>
    /// Claims a new digest key together with the inbox items it carries, in one atomic write: true when no record
    /// existed for (subscriber, period). The items stay with the claim, so a resend carries exactly them.
    /// </summary>
    Task<bool> TryClaimAsync(DigestRecord sending, IReadOnlyCollection<PendingItem> items, CancellationToken ct = default);

    /// <summary>The items the key was claimed with (empty for a claim made without them, by an older version).</summary>
    Task<IReadOnlyList<PendingItem>> GetClaimedItemsAsync(string subscriberId, string period, CancellationToken ct = default);

    /// <summary>
    /// Notes why the send of a "Sending" claim failed; the claim, its time and its items stay as they are, so the
    /// retry after the lease is unchanged. No-op when the record is no longer "Sending".
    /// </summary>
    Task RecordFailureAsync(string subscriberId, string period, string error, CancellationToken ct = default);

    /// <summary>The subscriber's records still "Sending" (claimed, not confirmed sent), oldest first.</summary>
    Task<IReadOnlyList<DigestRecord>> ListUnconfirmedAsync(string subscriberId, CancellationToken ct = default);
}
