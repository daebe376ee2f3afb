namespace TldOps.Core.Membership;

/// <summary>
/// Where a person stands. Removed rows are kept (history and audit refer to them) and no longer
/// count against the per-ccTLD limit or the uniqueness of an address within a ccTLD.
/// </summary>
public enum MemberStatus
{
    Active,
    Suspended,
    Removed,
}
