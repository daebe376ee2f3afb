using System.Data.Common;
using TldOps.Core.Common;
using TldOps.Core.Security;
using TldOps.Core.Storage;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// How a fresh installation gets its first committee member. While no committee member is
/// active, every start of <c>tldops serve</c> revokes the earlier enrolment links and prints a
/// new one (its secret is never stored, so it cannot be printed twice). The link works once,
/// for 24 hours, and makes whoever uses it the chair — already on the list or new — logged in
/// and sent straight to TOTP enrolment. Once a committee exists, links still unused are dead.
/// </summary>
public sealed class CommitteeEnrolment(
    Database database,
    AccountStore accounts,
    RoleService roles,
    PersonFormValidator validator,
    ActionTokens tokens,
    SessionStore sessions,
    AccountLinks links,
    AccountOptions options)
{
    /// <summary>The action-token purpose of enrolment links.</summary>
    public const string Purpose = "enrol";

    private const string Subject = "committee:first";

    /// <summary>
    /// A new enrolment link when the installation has no committee (older links revoked), or null
    /// when it has one.
    /// </summary>
    public async Task<EnrolmentLink?> PrepareAsync(CancellationToken cancellationToken = default)
    {
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            if (await accounts.HasCommitteeAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                await tokens.RevokeAsync(connection, transaction, Subject, Purpose, cancellationToken).ConfigureAwait(false);
                return null;
            }

            await tokens.RevokeAsync(connection, transaction, Subject, Purpose, cancellationToken).ConfigureAwait(false);
            var issued = await tokens.IssueAsync(connection, transaction, Purpose, Subject, options.EnrolmentLinkLifetime, cancellationToken).ConfigureAwait(false);
            return new EnrolmentLink(links.Enrolment(issued.Token), issued.ExpiresAt);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the link can still be used (no committee yet, genuine, unexpired, unused).</summary>
    public async Task<bool> IsUsableAsync(string? token, CancellationToken cancellationToken = default) =>
        (await tokens.CheckAsync(token, Purpose, cancellationToken).ConfigureAwait(false)).IsValid;

    /// <summary>
    /// Uses the link: the person becomes the chair (added, or promoted when already on the list
    /// for that ccTLD), audited on the link's authority, and gets a session at the enrolment step.
    /// </summary>
    public async Task<Result<IssuedSession>> CompleteAsync(string? token, PersonForm form, string? userAgent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var check = await tokens.CheckAsync(token, Purpose, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return new Forbidden("This enrolment link is not valid any more.");
        }

        var validated = await validator.ValidateAsync(form, MemberRole.Committee, cancellationToken).ConfigureAwait(false);
        if (!validated.TryGetValue(out var person, out var invalid))
        {
            return invalid;
        }

        try
        {
            return await database.InTransactionAsync((connection, transaction) =>
                EnrolAsync(connection, transaction, token!, check.Id!, person, userAgent, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (MemberStore.IsUniqueViolation(ex))
        {
            return new Conflict("This address is already on the list for that ccTLD.");
        }
    }

    private async Task<Result<IssuedSession>> EnrolAsync(DbConnection connection, DbTransaction transaction, string token, string tokenId, NewMember person, string? userAgent, CancellationToken cancellationToken)
    {
        var used = await tokens.ConsumeAsync(connection, transaction, token, Purpose, person.Email, cancellationToken).ConfigureAwait(false);
        if (!used.IsValid)
        {
            return new Forbidden("This enrolment link is not valid any more.");
        }

        if (await accounts.HasCommitteeAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            return new Conflict("The committee already exists: ask its members for an account.");
        }

        var actor = new Actor("enrolment-link", "link:" + tokenId, null);
        var chair = RoleAssignment.Committee(CommitteePosition.Chair);
        var existing = (await accounts.FindByEmailAsync(connection, transaction, person.Email, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(a => a.CcTld == person.CcTld);
        var enrolled = existing is not null
            ? await roles.AssignAsync(connection, transaction, existing, chair, actor, cancellationToken).ConfigureAwait(false)
            : await roles.AddAsync(connection, transaction, person, chair, actor, cancellationToken).ConfigureAwait(false);
        if (!enrolled.TryGetValue(out var account, out var problem))
        {
            return Result<IssuedSession>.Failure(problem);
        }

        return await sessions.CreateAsync(connection, transaction, account.MemberId, LoginService.FirstStage(account), userAgent, cancellationToken).ConfigureAwait(false);
    }
}
