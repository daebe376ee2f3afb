namespace TldOps.Core.Membership.Joining;

/// <summary>The requester's status page: where the request stands and what happened to it.</summary>
public sealed record JoinRequestStatus(
    long RequestId,
    string CcTldDisplay,
    JoinRequestKind Kind,
    JoinRequestState State,
    IReadOnlyList<string> ContactNames,
    string AdminEmail,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? DecidedAt,
    IReadOnlyList<JoinRequestEvent> History);

/// <summary>One step in a request's history (from the audit trail).</summary>
public sealed record JoinRequestEvent(DateTimeOffset At, string Action, string? Authority);
