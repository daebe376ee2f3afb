namespace TldOps.Core.Membership.Joining;

/// <summary>
/// What a request asks of the ccTLD's admin contact: a ccTLD's first contacts (join), more
/// contacts (add), new details for existing contacts (change), or taking contacts off (remove).
/// </summary>
public enum JoinRequestKind
{
    Join,
    Add,
    Change,
    Remove,
}
