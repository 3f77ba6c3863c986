using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsMonitor.Pipeline;

namespace NewsMonitor.Functions;

/// <summary>
/// The two timers. Schedules are app settings (PollSchedule, DigestSchedule: six-field NCRONTAB). A timer
/// runs on one instance at a time and is not retried when it fails: the next occurrence simply runs again,
/// and both handlers pick up whatever the failed run left (due feeds, unsent digests).
/// </summary>
public sealed class ScheduleFunctions(SchedulePollsHandler polls, SendDigestsHandler digests, ILogger<ScheduleFunctions> logger)
{
    [Function("SchedulePolls")]
    public async Task SchedulePolls([TimerTrigger("%PollSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        var queued = await polls.ScheduleDueAsync(ct);
        logger.LogInformation("Queued {Count} feed polls (past due: {PastDue})", queued, timer.IsPastDue);
    }

    [Function("SendDueDigests")]
    public async Task SendDueDigests([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        var outcomes = await digests.SendDueAsync(ct);
        logger.LogInformation(
            "Digests: {Sent} sent, {Failed} failed (past due: {PastDue})",
            outcomes.Count(o => o.Status == DigestOutcomeStatus.Sent),
            outcomes.Count(o => o.Status == DigestOutcomeStatus.Failed),
            timer.IsPastDue);
    }
}
