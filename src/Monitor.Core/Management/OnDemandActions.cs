using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>"Poll now" and "send now": the timers' work, on request, with unknown ids reported as such.</summary>
public sealed class OnDemandActions(SchedulePollsHandler polls, SendDigestsHandler digests, ISubscriberStore subscribers)
{
    /// <summary>Queues a poll of every enabled feed; returns how many were queued.</summary>
    public Task<int> PollAllAsync(CancellationToken ct) => polls.ScheduleNowAsync(null, ct);

    public async Task<int> PollOneAsync(string feedId, CancellationToken ct)
    {
        var queued = await polls.ScheduleNowAsync(feedId, ct);
        return queued > 0 ? queued : throw new ApiProblemException(ApiProblem.NotFound("feed", feedId));
    }

    /// <summary>Every active subscriber's digest for the current period, unless already sent.</summary>
    public Task<IReadOnlyList<DigestOutcome>> SendDueAsync(CancellationToken ct) => digests.SendDueAsync(ct);

    /// <summary>"Send now": what is undelivered for the subscriber, whatever the schedule, once, under its own key.</summary>
    public async Task<DigestOutcome> SendOneAsync(string subscriberId, CancellationToken ct)
    {
        _ = await subscribers.GetSubscriberAsync(subscriberId, ct) ?? throw new ApiProblemException(ApiProblem.NotFound("subscriber", subscriberId));
        return await digests.SendNowAsync(subscriberId, ct);
    }
}
