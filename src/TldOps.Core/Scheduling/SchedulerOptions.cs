namespace TldOps.Core.Scheduling;

/// <summary>How the <see cref="Scheduler"/> polls and catches up.</summary>
public sealed class SchedulerOptions
{
    /// <summary>How often due jobs are looked for. Default 30 s: cron's resolution is a minute.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How late an occurrence may still run (after a restart or an outage). Default 1 day: the
    /// monthly contact repository still goes out when the node comes back the same day, but a
    /// fresh installation does not send last month's.
    /// </summary>
    public TimeSpan MaxLateness { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Checks the values; throws naming the bad one.</summary>
    public SchedulerOptions Validate()
    {
        if (PollInterval < TimeSpan.FromSeconds(1) || PollInterval > TimeSpan.FromMinutes(30))
        {
            throw new InvalidOperationException($"{nameof(PollInterval)} must be between 1 second and 30 minutes (it is {PollInterval}).");
        }

        if (MaxLateness < TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException($"{nameof(MaxLateness)} must be at least a minute (it is {MaxLateness}).");
        }

        return this;
    }
}
