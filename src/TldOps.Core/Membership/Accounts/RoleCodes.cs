using TldOps.Core.Common;

namespace TldOps.Core.Membership.Accounts;

/// <summary>The text codes of <see cref="CommitteePosition"/> and <see cref="LiaisonKind"/> in the database, the CLI and forms.</summary>
public static class RoleCodes
{
    public static string ToCode(this CommitteePosition position) => position switch
    {
        CommitteePosition.Member => "member",
        CommitteePosition.Chair => "chair",
        CommitteePosition.ViceChair => "vice-chair",
        _ => throw new ArgumentOutOfRangeException(nameof(position), position, null),
    };

    public static string ToCode(this LiaisonKind kind) => kind switch
    {
        LiaisonKind.Ssac => "ssac",
        LiaisonKind.Iana => "iana",
        LiaisonKind.IcannSecurity => "icann-security",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParsePosition(string? code, out CommitteePosition position) => EnumCodes.TryParse(code, ToCode, out position);

    public static bool TryParseLiaisonKind(string? code, out LiaisonKind kind) => EnumCodes.TryParse(code, ToCode, out kind);

    /// <summary>
    /// Committee and secretariat must log in with a second factor: they see and change what
    /// members cannot (held posts, the audit log, everyone's roles).
    /// </summary>
    public static bool RequiresTotp(this MemberRole role) => role is MemberRole.Committee or MemberRole.Secretariat;

    /// <summary>Committee and secretariat: the people who run the community's pages.</summary>
    public static bool IsStaff(this MemberRole role) => role is MemberRole.Committee or MemberRole.Secretariat;
}
