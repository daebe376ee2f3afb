using System.Data.Common;
using Dapper;

namespace TldOps.Core.Membership;

// The same writes as the public methods, inside a caller's transaction: vetting adds, changes
// and suspends members in the transaction that records the decision, its audit row and its mail.
public sealed partial class MemberStore
{
    /// <summary>Adds one person inside the caller's transaction (a clash on the address throws the database's unique violation).</summary>
    public Task<Member> AddAsync(DbConnection connection, DbTransaction transaction, NewMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        return InsertAsync(connection, transaction, member, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>The people of a ccTLD who are not removed, inside the caller's transaction.</summary>
    public async Task<IReadOnlyList<Member>> ListByCcTldAsync(DbConnection connection, DbTransaction? transaction, string ccTld, CancellationToken cancellationToken = default)
    {
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            $"SELECT {Columns} FROM member WHERE cctld = @ccTld AND status <> @removed ORDER BY name, id",
            new { ccTld, removed = MemberStatus.Removed.ToCode() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToMember()).ToList();
    }

    /// <summary>
    /// The active committee and secretariat members, inside the caller's transaction: the people
    /// who run the community and are told about members (unverified, suspended, bouncing).
    /// </summary>
    public async Task<IReadOnlyList<Member>> ListCommitteeAndSecretariatAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            $"SELECT {Columns} FROM member WHERE role IN (@committee, @secretariat) AND status = @active ORDER BY id",
            new { committee = MemberRole.Committee.ToCode(), secretariat = MemberRole.Secretariat.ToCode(), active = MemberStatus.Active.ToCode() },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToMember()).ToList();
    }

    /// <summary>The person with this database id, inside the caller's transaction, or null.</summary>
    public async Task<Member?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken = default)
    {
        var row = await connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(
            $"SELECT {Columns} FROM member WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToMember();
    }

    /// <summary>Replaces a person's name, address, phones and language inside the caller's transaction.</summary>
    public Task UpdateDetailsAsync(DbConnection connection, DbTransaction transaction, long id, string name, string email, PhoneNumber? officePhone, PhoneNumber? mobilePhone, string language, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE member SET name = @name, email = @email, office_phone = @office, mobile_phone = @mobile, language = @language, updated_at = @now
            WHERE id = @id
            """,
            new { id, name, email, office = officePhone?.E164, mobile = mobilePhone?.E164, language, now = clock.GetUtcNow() },
            transaction, cancellationToken: cancellationToken));

    /// <summary>Changes a person's status inside the caller's transaction.</summary>
    public Task SetStatusAsync(DbConnection connection, DbTransaction transaction, long id, MemberStatus status, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE member SET status = @status, updated_at = @now WHERE id = @id",
            new { id, status = status.ToCode(), now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));

    /// <summary>Records that a person confirmed their details (or their admin contact vouched for them) at <paramref name="at"/>.</summary>
    public Task MarkVerifiedAsync(DbConnection connection, DbTransaction transaction, long id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE member SET verified_at = @at, updated_at = @at WHERE id = @id",
            new { id, at }, transaction, cancellationToken: cancellationToken));
}
