using Dapper;

namespace TldOps.Core.Storage.Queues;

public sealed partial class QueueStore
{
    /// <summary>Entries of a queue (all queues when null), newest first, with paging.</summary>
    public async Task<IReadOnlyList<QueueEntry>> ListAsync(string? queue, QueueEntryState? state, int limit = 100, long? beforeId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<QueueEntry>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM queue_entry
            WHERE (@queue IS NULL OR queue = @queue) AND (@state IS NULL OR state = @state) AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC LIMIT @limit
            """,
            new { queue, state = state?.ToString().ToLowerInvariant(), beforeId, limit = Math.Clamp(limit, 1, 10_000) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task<QueueEntry?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<QueueEntry>(new CommandDefinition(
            $"SELECT {Columns} FROM queue_entry WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Entry counts per queue and state, for `tldops queue list` and the committee's status page.</summary>
    public async Task<IReadOnlyList<QueueCount>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<QueueCount>(new CommandDefinition(
            "SELECT queue, state, COUNT(*) AS Count FROM queue_entry GROUP BY queue, state ORDER BY queue, state",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>
    /// Sends a quarantined (or failed) entry back to the queue it came from, as new: attempts
    /// reset, due now. Returns false if there is no such entry or it is not replayable.
    /// </summary>
    public async Task<bool> ReplayAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        string? queue = null;
        var changed = await database.InTransactionAsync(async (connection, transaction) =>
        {
            queue = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT COALESCE(origin_queue, queue) FROM queue_entry WHERE id = @id AND (queue = 'quarantine' OR state = 'failed')",
                new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (queue is null)
            {
                return 0;
            }

            return await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE queue_entry SET queue = @queue, origin_queue = NULL, state = 'ready', attempts = 0, not_before = @now, last_error = NULL,
                    lease_owner = NULL, lease_until = NULL, finished_at = NULL, updated_at = @now
                WHERE id = @id
                """, new { id, queue, now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        if (changed == 1 && queue is not null)
        {
            Notify(queue);
        }

        return changed == 1;
    }

    /// <summary>Deletes entries finished before <paramref name="cutoff"/> and messages no entry refers to any more
    /// (the archive keeps its own reference). Returns the number of entries deleted.</summary>
    public async Task<int> PurgeFinishedAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var deleted = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM queue_entry WHERE state IN ('done', 'failed') AND finished_at < @cutoff",
                new { cutoff }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                MessageReferences.OrphanDeleteSql, new { cutoff }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return deleted;
        }, cancellationToken).ConfigureAwait(false);
    }
}
