using TldOps.Core.Membership.Authority;

namespace TldOps.Core.Membership.Joining;

/// <summary>
/// What the admin contact's decision page shows before the click that acts: the request, the
/// ccTLD's current contacts (for a change), and the token's expiry.
/// </summary>
public sealed record JoinDecisionPage(JoinRequest Request, string CcTldDisplay, AdminContact Admin, IReadOnlyList<Member> CurrentMembers, DateTimeOffset LinkExpiresAt);
