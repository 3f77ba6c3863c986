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

    public string Key => $"{SubscriberId}/{Period}";
}

public interface IDigestLog
{
    Task<DigestRecord?> GetDigestAsync(string subscriberId, string period, CancellationToken ct = default);

    /// <summary>The most recent digest recorded for the subscriber, whatever its status.</summary>
    Task<DigestRecord?> GetLastDigestAsync(string subscriberId, CancellationToken ct = default);

    /// <summary>Inserts or replaces the record for (subscriber, period).</summary>
    Task SaveDigestAsync(DigestRecord record, CancellationToken ct = default);

    /// <summary>
    /// Claims (subscriber, period) for sending: true when no record exists, or when a "Sending" claim is
    /// older than <paramref name="staleBefore"/> (its sender died). Atomic, so two senders never both win.
    /// </summary>
    Task<bool> TryBeginAsync(DigestRecord sending, DateTimeOffset staleBefore, CancellationToken ct = default);
}
