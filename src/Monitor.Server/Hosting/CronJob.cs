using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NewsMonitor.Server.Hosting;

/// <summary>Runs a job on an NCRONTAB schedule (six fields, with seconds), one run at a time, like a Functions timer.</summary>
public abstract class CronJob(string schedule, TimeProvider time, ILogger logger) : BackgroundService
{
    private readonly CronExpression expression = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);

    protected abstract Task RunAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = expression.GetNextOccurrence(now.UtcDateTime, inclusive: false);
            if (next is null)
            {
                return;
            }

            await Task.Delay(new DateTimeOffset(next.Value, TimeSpan.Zero) - now, time, stoppingToken);
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Like a Functions timer: a failed run is logged, not retried; the next occurrence runs as usual.
                logger.LogError(e, "{Job} failed", GetType().Name);
            }
        }
    }
}
