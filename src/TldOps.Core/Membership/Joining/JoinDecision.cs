namespace TldOps.Core.Membership.Joining;

/// <summary>The admin contact's answer to a request.</summary>
public enum JoinDecision
{
    Approve,
    Reject,
}
