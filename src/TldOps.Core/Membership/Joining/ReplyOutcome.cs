namespace TldOps.Core.Membership.Joining;

/// <summary>What became of a decision sent by mail.</summary>
public enum ReplyOutcome
{
    /// <summary>The decision was taken on the admin contact's authority.</summary>
    Applied,

    /// <summary>The reply did not come from (nor copy) the admin contact: refused, audited, and its author told.</summary>
    Refused,

    /// <summary>The tag names no request.</summary>
    UnknownRequest,

    /// <summary>The request was decided or expired already.</summary>
    NotPending,

    /// <summary>The decision could not be applied (the cap is reached, an address clashes); audited.</summary>
    Failed,
}
