using Microsoft.Extensions.Logging;

namespace TldOps.Core.Scheduling;

/// <summary>
/// Starts <see cref="IScheduledJob"/>s when their cron schedule says. Each poll looks at every
/// job's latest occurrence up to now; when it is at most <see cref="SchedulerOptions.MaxLateness"/>
/// old and not claimed yet, the job runs for it. Jobs claim their period in the database, so
/// several nodes, and a node restarted mid-period, still run each occurrence once. A failing job
/// is logged and tried again at the next poll (its claim rolled back with its work).
/// </summary>
public sealed partial class Scheduler(IEnumerable<IScheduledJob> jobs, ScheduledRunStore runs, TimeProvider clock, SchedulerOptions options, ILogger<Scheduler> logger)
{
    private readonly IReadOnlyList<IScheduledJob> _jobs = jobs.ToList();

    /// <summary>The jobs this scheduler starts.</summary>
    public IReadOnlyList<IScheduledJob> Jobs => _jobs;

    /// <summary>Runs every job whose latest occurrence is due and unclaimed; returns the occurrences this call ran.</summary>
    public async Task<IReadOnlyList<ScheduledOccurrence>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var ran = new List<ScheduledOccurrence>();
        var now = clock.GetUtcNow();
        foreach (var job in _jobs)
        {
            var latest = job.Schedule.GetPreviousOccurrence(now);
            if (latest is null || now - latest.Value > options.MaxLateness)
            {
                continue;
            }

            var occurrence = ScheduledOccurrence.At(job.Name, latest.Value);
            if (await runs.IsClaimedAsync(job.Name, occurrence.Period, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                if (await job.RunAsync(occurrence, cancellationToken).ConfigureAwait(false))
                {
                    ran.Add(occurrence);
                    LogRan(job.Name, occurrence.Period);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(ex, job.Name, occurrence.Period);
            }
        }

        return ran;
    }

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled (the hosted service of <c>tldops serve</c>).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await RunDueAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(options.PollInterval, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled job {Job} ran for {Period}.")]
    private partial void LogRan(string job, string period);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled job {Job} failed for {Period}; it runs again at the next poll.")]
    private partial void LogFailed(Exception exception, string job, string period);
}
