using System.Data.Common;
using System.Text.Json;
using Dapper;
using TldOps.Core.Audit;
using TldOps.Core.Common;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// Gives people their roles: member, committee (chair, vice-chair or member, with or without a
/// security-subcommittee seat), liaison (SSAC, IANA, ICANN security team) or secretariat. Only
/// the committee and the operator may change roles. Every change is audited in the transaction
/// that makes it and ends the person's sessions, so the new role applies from their next login
/// (with TOTP enrolment first where the role requires it).
/// </summary>
public sealed class RoleService(Database database, AccountStore accounts, MemberStore members, SessionStore sessions, AuditLog audit, TimeProvider clock)
{
    /// <summary>Gives the person with <paramref name="publicId"/> the role <paramref name="to"/>.</summary>
    public async Task<Result<Account>> AssignAsync(string publicId, RoleAssignment to, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.MayChangeRoles)
        {
            return new Forbidden("Only the committee may change roles.");
        }

        var errors = to.Validate();
        if (errors.Count > 0)
        {
            return new Invalid("This role does not fit together.", errors);
        }

        var target = await accounts.FindAsync(publicId, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return new NotFound($"No active member has the id '{publicId}'.");
        }

        if (target.Role == to)
        {
            return target;
        }

        return await database.InTransactionAsync((connection, transaction) =>
            AssignAsync(connection, transaction, target, to, actor, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives <paramref name="target"/> the role <paramref name="to"/> inside the caller's
    /// transaction, without the permission check (the caller holds the authority: the operator,
    /// the enrolment link). Audited; ends the person's sessions.
    /// </summary>
    public async Task<Result<Account>> AssignAsync(DbConnection connection, DbTransaction transaction, Account target, RoleAssignment to, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = to.Validate();
        if (errors.Count > 0)
        {
            return new Invalid("This role does not fit together.", errors);
        }

        var problem = await CheckAsync(connection, transaction, target, to, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return Result<Account>.Failure(problem);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE member SET role = @role, updated_at = @now WHERE id = @id",
            new { role = to.Role.ToCode(), now = clock.GetUtcNow(), id = target.MemberId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await WriteDetailsAsync(connection, transaction, target.MemberId, to, cancellationToken).ConfigureAwait(false);
        await sessions.RevokeAllAsync(connection, transaction, target.MemberId, "role-changed", cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(connection, transaction, new AuditEntry(actor.Id, "role-changed", target.CcTld, target.Reference, actor.Authority,
            RoleAssignment.AuditJson(target.Role, to)), cancellationToken).ConfigureAwait(false);
        return (await accounts.GetAsync(connection, transaction, target.MemberId, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Adds a person with a role in one transaction (the member row, its details, the audit row).
    /// <see cref="Conflict"/> when the address is already on the list for that ccTLD.
    /// </summary>
    public async Task<Result<Account>> AddAsync(NewMember person, RoleAssignment role, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!actor.MayChangeRoles)
        {
            return new Forbidden("Only the committee may add people with a role.");
        }

        try
        {
            return await database.InTransactionAsync((connection, transaction) =>
                AddAsync(connection, transaction, person, role, actor, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (MemberStore.IsUniqueViolation(ex))
        {
            return new Conflict("This address is already on the list for that ccTLD.");
        }
    }

    /// <summary>
    /// As <see cref="AddAsync(NewMember, RoleAssignment, Actor, CancellationToken)"/>, inside the
    /// caller's transaction and without the permission check (the caller holds the authority:
    /// the enrolment link). A clash on the address throws the database's unique violation.
    /// </summary>
    public async Task<Result<Account>> AddAsync(DbConnection connection, DbTransaction transaction, NewMember person, RoleAssignment role, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = role.Validate().ToList();
        if (person.Role != role.Role)
        {
            errors.Add(new FieldError("role", "the person's role and the role given differ"));
        }

        if (role.Role.HasCcTld() != (person.CcTld is not null))
        {
            errors.Add(new FieldError("ccTLD", role.Role.HasCcTld() ? "members and committee members belong to a ccTLD" : "liaisons and secretariat belong to no ccTLD"));
        }

        if (errors.Count > 0)
        {
            return new Invalid("This person cannot be added with this role.", errors);
        }

        var seat = await SeatProblemAsync(connection, transaction, null, role, cancellationToken).ConfigureAwait(false);
        if (seat is not null)
        {
            return seat;
        }

        var added = await members.AddAsync(connection, transaction, person, cancellationToken).ConfigureAwait(false);
        await WriteDetailsAsync(connection, transaction, added.Id, role, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(connection, transaction, new AuditEntry(actor.Id, "member-added", added.CcTld, "member:" + added.PublicId, actor.Authority,
            JsonSerializer.Serialize(new { role = role.ToAudit() })), cancellationToken).ConfigureAwait(false);
        return (await accounts.GetAsync(connection, transaction, added.Id, cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<Problem?> CheckAsync(DbConnection connection, DbTransaction transaction, Account target, RoleAssignment to, CancellationToken cancellationToken)
    {
        if (to.Role.HasCcTld() != (target.CcTld is not null))
        {
            return new Invalid(
                to.Role.HasCcTld()
                    ? "This person belongs to no ccTLD: liaisons and secretariat cannot become members or committee members."
                    : "Liaisons and secretariat belong to no ccTLD: add them as new people rather than changing a ccTLD's contact.",
                [new FieldError("role", "does not fit a person " + (target.CcTld is null ? "without" : "with") + " a ccTLD")]);
        }

        if (target.Role.Role == MemberRole.Committee && to.Role != MemberRole.Committee)
        {
            var others = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM member WHERE role = 'committee' AND status = 'active' AND id <> @id",
                new { id = target.MemberId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (others == 0)
            {
                return new Conflict("This is the last committee member: name another one first.");
            }
        }

        return await SeatProblemAsync(connection, transaction, target.MemberId, to, cancellationToken).ConfigureAwait(false);
    }

    // One chair and one vice-chair at a time: handing a seat over is two changes, the old holder first.
    private static async Task<Problem?> SeatProblemAsync(DbConnection connection, DbTransaction transaction, long? exceptId, RoleAssignment to, CancellationToken cancellationToken)
    {
        if (to.Position is not (CommitteePosition.Chair or CommitteePosition.ViceChair))
        {
            return null;
        }

        var holders = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM member m JOIN member_role_detail d ON d.member_id = m.id
            WHERE m.role = 'committee' AND m.status = 'active' AND d.committee_position = @position AND (@exceptId IS NULL OR m.id <> @exceptId)
            """,
            new { position = to.Position.Value.ToCode(), exceptId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return holders == 0 ? null : new Conflict($"The committee already has a {to.Position.Value.ToCode()}: change that person's position first.");
    }

    private async Task WriteDetailsAsync(DbConnection connection, DbTransaction transaction, long memberId, RoleAssignment role, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO member_role_detail (member_id, committee_position, security_subcommittee, liaison_kind, updated_at)
            VALUES (@memberId, @position, @security, @liaison, @now)
            ON CONFLICT (member_id) DO UPDATE SET committee_position = excluded.committee_position,
                security_subcommittee = excluded.security_subcommittee, liaison_kind = excluded.liaison_kind, updated_at = excluded.updated_at
            """,
            new
            {
                memberId,
                position = role.Position?.ToCode(),
                security = role.SecuritySubcommittee,
                liaison = role.Liaison?.ToCode(),
                now = clock.GetUtcNow(),
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
