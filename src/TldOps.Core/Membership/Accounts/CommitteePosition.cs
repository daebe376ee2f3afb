namespace TldOps.Core.Membership.Accounts;

/// <summary>A Standing Committee member's seat (DOMAIN.md, "Knowledge and governance").</summary>
public enum CommitteePosition
{
    Member,
    Chair,
    ViceChair,
}
