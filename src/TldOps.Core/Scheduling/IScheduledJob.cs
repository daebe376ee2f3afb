namespace TldOps.Core.Scheduling;

/// <summary>
/// Work the <see cref="Scheduler"/> starts on a cron schedule. A job runs at most once per
/// occurrence across every node: it claims <c>(Name, occurrence.Period)</c> with
/// <see cref="ScheduledRunStore.TryClaimAsync"/> inside the transaction that does (or starts) its
/// work, and does nothing when the claim fails because another node or an earlier run has it.
/// </summary>
public interface IScheduledJob
{
    /// <summary>A stable kebab-case name ("contact-repository"); the key of its runs.</summary>
    string Name { get; }

    /// <summary>When it runs.</summary>
    CronExpression Schedule { get; }

    /// <summary>Runs the work of <paramref name="occurrence"/>; returns false when another run had already claimed it.</summary>
    Task<bool> RunAsync(ScheduledOccurrence occurrence, CancellationToken cancellationToken = default);
}
