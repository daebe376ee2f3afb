using Microsoft.Extensions.Localization;
using TldOps.Core.Membership.Joining;
using TldOps.Server.Resources;

namespace TldOps.Server.Web.Vetting;

/// <summary>Names the states and kinds of join requests in the page's language.</summary>
internal static class VettingTexts
{
    public static string State(IStringLocalizer<PortalText> T, JoinRequestState state, string ccTld)
    {
        ArgumentNullException.ThrowIfNull(T);
        return state switch
        {
            JoinRequestState.Approved => T["JoinStateApproved", ccTld],
            JoinRequestState.Rejected => T["JoinStateRejected", ccTld],
            JoinRequestState.Expired => T["JoinStateExpired", ccTld],
            _ => T["JoinStatePending", ccTld],
        };
    }

    /// <summary>The short name of a state, for tables.</summary>
    public static string StateName(IStringLocalizer<PortalText> T, JoinRequestState state)
    {
        ArgumentNullException.ThrowIfNull(T);
        return state switch
        {
            JoinRequestState.Approved => T["StateApproved"],
            JoinRequestState.Rejected => T["StateRejected"],
            JoinRequestState.Expired => T["StateExpired"],
            _ => T["StatePending"],
        };
    }

    public static string Kind(IStringLocalizer<PortalText> T, JoinRequestKind kind)
    {
        ArgumentNullException.ThrowIfNull(T);
        return kind switch
        {
            JoinRequestKind.Add => T["KindAdd"],
            JoinRequestKind.Change => T["KindChange"],
            JoinRequestKind.Remove => T["KindRemove"],
            _ => T["KindJoin"],
        };
    }
}
