using System.Data.Common;
using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Reconfirmation;

/// <summary>The <c>cctld_vetting</c> table: which ccTLDs are being reconfirmed, by whom, until when.</summary>
public sealed class CcTldVettingStore(Database database, TimeProvider clock)
{
    public const string Normal = "normal";
    public const string Reconfirm = "reconfirm";

    private const string Columns =
        "cctld AS CcTld, state, admin_email AS AdminEmail, admin_name AS AdminName, admin_language AS AdminLanguage, token_id AS TokenId, " +
        "event_id AS EventId, since, deadline, updated_at AS UpdatedAt";

    /// <summary>The ccTLD's row, or null.</summary>
    public Task<CcTldVetting?> GetAsync(DbConnection connection, DbTransaction? transaction, string ccTld, CancellationToken cancellationToken = default) =>
        connection.QuerySingleOrDefaultAsync<CcTldVetting>(new CommandDefinition(
            $"SELECT {Columns} FROM cctld_vetting WHERE cctld = @ccTld", new { ccTld }, transaction, cancellationToken: cancellationToken));

    /// <summary>The row whose reconfirmation token is <paramref name="tokenId"/>, or null.</summary>
    public Task<CcTldVetting?> FindByTokenIdAsync(DbConnection connection, DbTransaction? transaction, string tokenId, CancellationToken cancellationToken = default) =>
        connection.QuerySingleOrDefaultAsync<CcTldVetting>(new CommandDefinition(
            $"SELECT {Columns} FROM cctld_vetting WHERE token_id = @tokenId", new { tokenId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Every ccTLD in <paramref name="state"/> (all when null), by ccTLD.</summary>
    public async Task<IReadOnlyList<CcTldVetting>> ListAsync(string? state = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CcTldVetting>(new CommandDefinition(
            $"SELECT {Columns} FROM cctld_vetting WHERE @state IS NULL OR state = @state ORDER BY cctld",
            new { state }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>Puts the ccTLD in reconfirmation.</summary>
    public Task StartAsync(DbConnection connection, DbTransaction transaction, CcTldVetting row, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO cctld_vetting (cctld, state, admin_email, admin_name, admin_language, token_id, event_id, since, deadline, updated_at)
            VALUES (@CcTld, @State, @AdminEmail, @AdminName, @AdminLanguage, @TokenId, @EventId, @Since, @Deadline, @now)
            ON CONFLICT (cctld) DO UPDATE SET state = excluded.state, admin_email = excluded.admin_email, admin_name = excluded.admin_name,
                admin_language = excluded.admin_language, token_id = excluded.token_id, event_id = excluded.event_id,
                since = excluded.since, deadline = excluded.deadline, reminders_sent = 0, updated_at = excluded.updated_at
            """,
            new { row.CcTld, row.State, row.AdminEmail, row.AdminName, row.AdminLanguage, row.TokenId, row.EventId, row.Since, row.Deadline, now = clock.GetUtcNow() },
            transaction, cancellationToken: cancellationToken));

    /// <summary>Ends the reconfirmation (all confirmed, or the deadline passed). False when it was not in reconfirmation.</summary>
    public async Task<bool> FinishAsync(DbConnection connection, DbTransaction transaction, string ccTld, CancellationToken cancellationToken = default) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cctld_vetting SET state = @normal, updated_at = @now WHERE cctld = @ccTld AND state = @reconfirm",
            new { ccTld, normal = Normal, reconfirm = Reconfirm, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
}
