using System.Data.Common;
using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Audit;

/// <summary>
/// The audit trail. Writes happen inside the transaction of the change they describe, so there
/// is never a change without its row nor a row without its change. Rows are never updated.
/// </summary>
public sealed class AuditLog(Database database, TimeProvider clock)
{
    private const string Columns = "id, at, actor, action, cctld AS CcTld, subject, authority, detail";

    /// <summary>Records <paramref name="entry"/> inside the caller's transaction.</summary>
    public Task WriteAsync(DbConnection connection, DbTransaction transaction, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (at, actor, action, cctld, subject, authority, detail)
            VALUES (@at, @Actor, @Action, @CcTld, @Subject, @Authority, @Detail)
            """,
            new { at = clock.GetUtcNow(), entry.Actor, entry.Action, entry.CcTld, entry.Subject, entry.Authority, entry.Detail },
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Newest first; filter by ccTLD and/or subject; page with <paramref name="beforeId"/>.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(string? ccTld = null, string? subject = null, int limit = 100, long? beforeId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRecord>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM audit_log
            WHERE (@ccTld IS NULL OR cctld = @ccTld) AND (@subject IS NULL OR subject = @subject) AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC LIMIT @limit
            """,
            new { ccTld, subject, beforeId, limit = Math.Clamp(limit, 1, 1000) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }
}
