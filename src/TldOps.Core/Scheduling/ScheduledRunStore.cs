using System.Data.Common;
using Dapper;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Scheduling;

/// <summary>
/// The <c>scheduled_run</c> table: one row per job and period, whose primary key makes a run
/// happen once however many nodes and restarts try. A job claims its row in the same transaction
/// as its work, so a crash before the commit leaves the period unclaimed and it runs again.
/// </summary>
public sealed class ScheduledRunStore(Database database, NodeIdentity node, TimeProvider clock)
{
    /// <summary>
    /// Claims <paramref name="period"/> of <paramref name="job"/> inside the caller's transaction.
    /// False when it is claimed already (on PostgreSQL a concurrent claimer waits for the first
    /// transaction, then gets false if it committed).
    /// </summary>
    public async Task<bool> TryClaimAsync(DbConnection connection, DbTransaction transaction, string job, string period, string detail = "{}", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(job);
        ArgumentException.ThrowIfNullOrEmpty(period);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO scheduled_run (job, period, node, claimed_at, detail) VALUES (@job, @period, @node, @now, @detail)
            ON CONFLICT (job, period) DO NOTHING
            """,
            new { job, period, node = node.Id, now = clock.GetUtcNow(), detail }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted == 1;
    }

    /// <summary>Records what a claimed run did (inside the caller's transaction).</summary>
    public Task SetDetailAsync(DbConnection connection, DbTransaction transaction, string job, string period, string detail, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE scheduled_run SET detail = @detail WHERE job = @job AND period = @period",
            new { job, period, detail }, transaction, cancellationToken: cancellationToken));

    /// <summary>True when the period is claimed.</summary>
    public async Task<bool> IsClaimedAsync(string job, string period, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM scheduled_run WHERE job = @job AND period = @period",
            new { job, period }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    /// <summary>The runs of a job (all jobs when null), newest first.</summary>
    public async Task<IReadOnlyList<ScheduledRun>> ListAsync(string? job = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ScheduledRun>(new CommandDefinition(
            """
            SELECT job, period, node, claimed_at AS ClaimedAt, detail FROM scheduled_run
            WHERE @job IS NULL OR job = @job ORDER BY claimed_at DESC, period DESC LIMIT @limit
            """,
            new { job, limit = Math.Clamp(limit, 1, 1000) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }
}
