using System.Data.Common;
using Dapper;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Accounts;

/// <summary>Reads people as accounts: the member row with its role details and TOTP state.</summary>
public sealed class AccountStore(Database database)
{
    private const string Select = $"SELECT {AccountRow.Columns} FROM member m {AccountRow.Joins}";

    /// <summary>The active person with this public id, or null.</summary>
    public async Task<Account?> FindAsync(string? publicId, CancellationToken cancellationToken = default)
    {
        if (!MemberPublicId.IsWellFormed(publicId))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            $"{Select} WHERE m.public_id = @publicId AND m.status = 'active'", new { publicId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToAccount();
    }

    /// <summary>The person (active or not) with this database id, or null, inside the caller's transaction.</summary>
    public async Task<Account?> GetAsync(DbConnection connection, DbTransaction? transaction, long memberId, CancellationToken cancellationToken = default)
    {
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            $"{Select} WHERE m.id = @memberId", new { memberId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToAccount();
    }

    /// <summary>
    /// The active rows with this address (a person serving two ccTLDs has two), the one a login
    /// opens first: committee, then secretariat, liaison, member; then the oldest row.
    /// </summary>
    public async Task<IReadOnlyList<Account>> FindByEmailAsync(DbConnection connection, DbTransaction? transaction, string email, CancellationToken cancellationToken = default)
    {
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            $"{Select} WHERE lower(m.email) = lower(@email) AND m.status = 'active' ORDER BY m.id",
            new { email }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToAccount()).OrderBy(a => Rank(a.Role.Role)).ThenBy(a => a.MemberId).ToList();
    }

    /// <inheritdoc cref="FindByEmailAsync(DbConnection, DbTransaction?, string, CancellationToken)"/>
    public async Task<IReadOnlyList<Account>> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindByEmailAsync(connection, null, email, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The active people of one ccTLD (null: the liaisons and secretariat), by name.</summary>
    public async Task<IReadOnlyList<Account>> ListByCcTldAsync(string? ccTld, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            $"{Select} WHERE m.status = 'active' AND ((@ccTld IS NULL AND m.cctld IS NULL) OR m.cctld = @ccTld) ORDER BY m.name, m.id",
            new { ccTld }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToAccount()).ToList();
    }

    /// <summary>Everyone not removed (active and suspended), by ccTLD (liaisons and secretariat first) then name; optionally one ccTLD's.</summary>
    public async Task<IReadOnlyList<Account>> ListAsync(string? ccTld = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            $"{Select} WHERE m.status <> 'removed' AND (@ccTld IS NULL OR m.cctld = @ccTld) ORDER BY COALESCE(m.cctld, ''), m.name, m.id",
            new { ccTld }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToAccount()).ToList();
    }

    /// <summary>The person with this public id whatever their status (the committee's view), or null.</summary>
    public async Task<Account?> FindAnyAsync(string? publicId, CancellationToken cancellationToken = default)
    {
        if (!MemberPublicId.IsWellFormed(publicId))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            $"{Select} WHERE m.public_id = @publicId", new { publicId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToAccount();
    }

    /// <summary>Everyone active with a role other than plain member: committee, liaisons, secretariat.</summary>
    public async Task<IReadOnlyList<Account>> ListStaffAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            $"{Select} WHERE m.status = 'active' AND m.role <> 'member' ORDER BY m.role, m.name, m.id",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToAccount()).ToList();
    }

    /// <summary>Whether any committee member is active (a fresh installation has none).</summary>
    public async Task<bool> HasCommitteeAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken = default) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM member WHERE role = 'committee' AND status = 'active'",
            transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    private static int Rank(MemberRole role) => role switch
    {
        MemberRole.Committee => 0,
        MemberRole.Secretariat => 1,
        MemberRole.Liaison => 2,
        _ => 3,
    };
}
