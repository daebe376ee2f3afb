using Microsoft.Extensions.Localization;
using TldOps.Core.Lists.Chains;
using TldOps.Core.Lists.Held;
using TldOps.Server.Resources;

namespace TldOps.Server.Web.Lists;

/// <summary>
/// Names the list engine's rules, chain actions and moderation states in the page's language.
/// A rule's own reason stays in the engine's words (English, with the addresses and sizes it
/// found); the name said here is what the rule checks.
/// </summary>
internal static class ListTexts
{
    /// <summary>What the rule named <paramref name="rule"/> checks; the name itself for a rule this portal does not know.</summary>
    public static string Rule(IStringLocalizer<PortalText> T, string rule)
    {
        ArgumentNullException.ThrowIfNull(T);
        return rule switch
        {
            "loop" => T["RuleLoop"],
            "banned-address" => T["RuleBannedAddress"],
            "emergency" => T["RuleEmergency"],
            "not-member" => T["RuleNotMember"],
            "authentication" => T["RuleAuthentication"],
            "tlp-red" => T["RuleTlpRed"],
            "max-size" => T["RuleMaxSize"],
            "max-recipients" => T["RuleMaxRecipients"],
            _ => rule,
        };
    }

    /// <summary>What a link of the chain does with a post when its rule hits.</summary>
    public static string Action(IStringLocalizer<PortalText> T, ChainAction action)
    {
        ArgumentNullException.ThrowIfNull(T);
        return action switch
        {
            ChainAction.Accept => T["ChainAccept"],
            ChainAction.Hold => T["ChainHold"],
            ChainAction.Reject => T["ChainReject"],
            _ => T["ChainDiscard"],
        };
    }

    /// <summary>Where a held post stands (<see cref="HeldState"/>).</summary>
    public static string State(IStringLocalizer<PortalText> T, string state)
    {
        ArgumentNullException.ThrowIfNull(T);
        return state switch
        {
            HeldState.Approved => T["HeldApproved"],
            HeldState.Rejected => T["HeldRejected"],
            HeldState.Discarded => T["HeldDiscarded"],
            _ => T["HeldPending"],
        };
    }
}
