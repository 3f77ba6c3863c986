using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsMonitor.Pipeline;

namespace NewsMonitor.Server.Hosting;

/// <summary>Stage 1 on the "Schedule:Polls" schedule.</summary>
public sealed class SchedulePollsJob(SchedulePollsHandler handler, IOptions<ScheduleOptions> options, TimeProvider time, ILogger<SchedulePollsJob> logger)
    : CronJob(options.Value.Polls, time, logger)
{
    protected override Task RunAsync(CancellationToken ct) => handler.ScheduleDueAsync(ct);
}

/// <summary>Stages 4 and 5 on the "Schedule:Digests" schedule: each subscriber's due digest.</summary>
public sealed class SendDigestsJob(SendDigestsHandler handler, IOptions<ScheduleOptions> options, TimeProvider time, ILogger<SendDigestsJob> logger)
    : CronJob(options.Value.Digests, time, logger)
{
    protected override Task RunAsync(CancellationToken ct) => handler.SendDueAsync(ct);
}
