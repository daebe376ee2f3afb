namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// A person as the portal sees them once logged in: who they are, their role in detail, and
/// whether they use a second factor. Built from the member row on every request, so a role
/// change or a suspension takes effect at once.
/// </summary>
/// <param name="MemberId">The database key; never shown.</param>
/// <param name="PublicId">The short public id (links, audit rows).</param>
/// <param name="CcTld">The ccTLD's ASCII code; null for liaisons and secretariat.</param>
/// <param name="Name">The name as the person writes it.</param>
/// <param name="Email">The address the login links go to.</param>
/// <param name="Language">The person's language for mails.</param>
/// <param name="Status">Active, suspended or removed (sessions exist for active people only).</param>
/// <param name="Role">The role and its details.</param>
/// <param name="TotpEnabled">True once a TOTP secret is confirmed.</param>
public sealed record Account(
    long MemberId,
    string PublicId,
    string? CcTld,
    string Name,
    string Email,
    string Language,
    MemberStatus Status,
    RoleAssignment Role,
    bool TotpEnabled)
{
    /// <summary>"member:PUBLICID", the actor and subject form used in audit rows.</summary>
    public string Reference => "member:" + PublicId;
}
