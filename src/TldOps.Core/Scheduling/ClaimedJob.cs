namespace TldOps.Core.Scheduling;

/// <summary>
/// A job whose work is idempotent maintenance (reminders, deadlines, registry events): it claims
/// its period in a transaction of its own, then runs <c>work</c>. A crash after the claim leaves
/// that period's work undone, and the next period (or the next run of another job) picks it up,
/// because the work acts on state, not on the period.
/// </summary>
public sealed class ClaimedJob(string name, CronExpression schedule, Storage.Database database, ScheduledRunStore runs, Func<CancellationToken, Task<string>> work) : IScheduledJob
{
    public string Name => name;

    public CronExpression Schedule => schedule;

    public async Task<bool> RunAsync(ScheduledOccurrence occurrence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        var claimed = await database.InTransactionAsync((c, t) => runs.TryClaimAsync(c, t, name, occurrence.Period, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!claimed)
        {
            return false;
        }

        var detail = await work(cancellationToken).ConfigureAwait(false);
        await database.InTransactionAsync((c, t) => runs.SetDetailAsync(c, t, name, occurrence.Period, detail, cancellationToken), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
