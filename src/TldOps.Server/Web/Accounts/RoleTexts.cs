using Microsoft.Extensions.Localization;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Resources;

namespace TldOps.Server.Web.Accounts;

/// <summary>Names roles, positions and liaisons in the page's language.</summary>
internal static class RoleTexts
{
    public static string Role(IStringLocalizer<PortalText> T, MemberRole role)
    {
        ArgumentNullException.ThrowIfNull(T);
        return role switch
        {
            MemberRole.Committee => T["RoleCommittee"],
            MemberRole.Liaison => T["RoleLiaison"],
            MemberRole.Secretariat => T["RoleSecretariat"],
            _ => T["RoleMember"],
        };
    }

    public static string Position(IStringLocalizer<PortalText> T, CommitteePosition position)
    {
        ArgumentNullException.ThrowIfNull(T);
        return position switch
        {
            CommitteePosition.Chair => T["PositionChair"],
            CommitteePosition.ViceChair => T["PositionViceChair"],
            _ => T["PositionMember"],
        };
    }

    public static string Liaison(IStringLocalizer<PortalText> T, LiaisonKind kind)
    {
        ArgumentNullException.ThrowIfNull(T);
        return kind switch
        {
            LiaisonKind.Ssac => T["LiaisonSsac"],
            LiaisonKind.Iana => T["LiaisonIana"],
            _ => T["LiaisonIcannSecurity"],
        };
    }

    /// <summary>"Committee: chair, security subcommittee", "Liaison: SSAC", "Member".</summary>
    public static string Describe(IStringLocalizer<PortalText> T, RoleAssignment role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var details = new List<string>();
        if (role.Position is { } position)
        {
            details.Add(Position(T, position));
        }

        if (role.SecuritySubcommittee)
        {
            details.Add(T["SecuritySubcommittee"]);
        }

        if (role.Liaison is { } liaison)
        {
            details.Add(Liaison(T, liaison));
        }

        var name = Role(T, role.Role);
        return details.Count == 0 ? name : $"{name} ({string.Join(", ", details)})";
    }
}
