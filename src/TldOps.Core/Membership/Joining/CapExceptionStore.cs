using System.Data.Common;
using System.Text.Json;
using Dapper;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Registry;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Joining;

/// <summary>
/// The committee's exceptions to <c>Membership:MaxContactsPerCcTld</c>: a ccTLD may have more
/// (or fewer) contacts when the committee says so. Every grant and withdrawal is audited.
/// </summary>
public sealed class CapExceptionStore(Database database, AuditLog audit, TimeProvider clock)
{
    /// <summary>The most contacts an exception may allow: beyond this the list stops being a list of a ccTLD's responders.</summary>
    public const int MaxAllowed = 20;

    /// <summary>Grants (or replaces) the exception for <paramref name="ccTld"/>.</summary>
    /// <param name="ccTld">The ccTLD as typed.</param>
    /// <param name="maxContacts">How many contacts it may have (1 to <see cref="MaxAllowed"/>).</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="actor">Who grants: "member:PUBLICID" of a committee member, or "operator".</param>
    /// <param name="authority">What it rests on: "session:…", "cli".</param>
    /// <param name="cancellationToken">Cancels.</param>
    public async Task<Result<CapException>> GrantAsync(string ccTld, int maxContacts, string reason, string actor, string authority, CancellationToken cancellationToken = default)
    {
        var code = CcTldCatalog.Normalise(ccTld);
        var errors = new List<FieldError>();
        if (code is null)
        {
            errors.Add(new FieldError("ccTld", "the ccTLD is missing."));
        }

        if (maxContacts is < 1 or > MaxAllowed)
        {
            errors.Add(new FieldError("maxContacts", $"between 1 and {MaxAllowed}."));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new FieldError("reason", "say why the committee grants it."));
        }

        if (errors.Count > 0)
        {
            return new Invalid("The exception cannot be granted.", errors);
        }

        return await database.InTransactionAsync<Result<CapException>>(async (connection, transaction) =>
        {
            var known = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM cctld WHERE code = @code", new { code }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (known == 0)
            {
                return new NotFound($"'{ccTld}' is not a ccTLD.");
            }

            var granted = new CapException { CcTld = code!, MaxContacts = maxContacts, Reason = reason.Trim(), GrantedBy = actor, GrantedAt = clock.GetUtcNow() };
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO cap_exception (cctld, max_contacts, reason, granted_by, granted_at) VALUES (@CcTld, @MaxContacts, @Reason, @GrantedBy, @GrantedAt)
                ON CONFLICT (cctld) DO UPDATE SET max_contacts = excluded.max_contacts, reason = excluded.reason,
                    granted_by = excluded.granted_by, granted_at = excluded.granted_at
                """, granted, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await audit.WriteAsync(connection, transaction, new AuditEntry(actor, "cap-exception-granted", code, "cctld:" + code, authority,
                JsonSerializer.Serialize(new { maxContacts, reason = granted.Reason })), cancellationToken).ConfigureAwait(false);
            return granted;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Withdraws the exception; <see cref="NotFound"/> when there is none.</summary>
    public async Task<Result<bool>> WithdrawAsync(string ccTld, string actor, string authority, CancellationToken cancellationToken = default)
    {
        var code = CcTldCatalog.Normalise(ccTld) ?? string.Empty;
        return await database.InTransactionAsync<Result<bool>>(async (connection, transaction) =>
        {
            var removed = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM cap_exception WHERE cctld = @code", new { code }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (removed == 0)
            {
                return new NotFound($"{ccTld} has no exception to the cap.");
            }

            await audit.WriteAsync(connection, transaction, new AuditEntry(actor, "cap-exception-withdrawn", code, "cctld:" + code, authority), cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The exception for a ccTLD (ASCII code), or null, inside the caller's transaction.</summary>
    public Task<CapException?> GetAsync(DbConnection connection, DbTransaction? transaction, string code, CancellationToken cancellationToken = default) =>
        connection.QuerySingleOrDefaultAsync<CapException>(new CommandDefinition(
            "SELECT cctld AS CcTld, max_contacts AS MaxContacts, reason, granted_by AS GrantedBy, granted_at AS GrantedAt FROM cap_exception WHERE cctld = @code",
            new { code }, transaction, cancellationToken: cancellationToken));

    /// <summary>Every exception, by ccTLD.</summary>
    public async Task<IReadOnlyList<CapException>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CapException>(new CommandDefinition(
            "SELECT cctld AS CcTld, max_contacts AS MaxContacts, reason, granted_by AS GrantedBy, granted_at AS GrantedAt FROM cap_exception ORDER BY cctld",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }
}
