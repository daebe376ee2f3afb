namespace TldOps.Core.Membership.Joining;

/// <summary>Where a request stands. Only a pending request can be decided.</summary>
public enum JoinRequestState
{
    Pending,
    Approved,
    Rejected,
    Expired,
}
