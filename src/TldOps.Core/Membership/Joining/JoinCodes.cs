using TldOps.Core.Common;

namespace TldOps.Core.Membership.Joining;

/// <summary>The text codes of the joining enums, as stored and shown.</summary>
public static class JoinCodes
{
    public static string ToCode(this JoinRequestKind kind) => kind switch
    {
        JoinRequestKind.Join => "join",
        JoinRequestKind.Add => "add",
        JoinRequestKind.Change => "change",
        JoinRequestKind.Remove => "remove",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ToCode(this JoinRequestState state) => state switch
    {
        JoinRequestState.Pending => "pending",
        JoinRequestState.Approved => "approved",
        JoinRequestState.Rejected => "rejected",
        JoinRequestState.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParseKind(string? code, out JoinRequestKind kind) => EnumCodes.TryParse(code, ToCode, out kind);

    public static bool TryParseState(string? code, out JoinRequestState state) => EnumCodes.TryParse(code, ToCode, out state);

    /// <summary>True for the kinds that put new people on the list (and so count against the cap).</summary>
    public static bool AddsPeople(this JoinRequestKind kind) => kind is JoinRequestKind.Join or JoinRequestKind.Add;
}
