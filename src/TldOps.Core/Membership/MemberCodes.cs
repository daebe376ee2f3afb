using TldOps.Core.Common;

namespace TldOps.Core.Membership;

/// <summary>The text codes of <see cref="MemberRole"/> and <see cref="MemberStatus"/> used in the database and the CLI.</summary>
public static class MemberCodes
{
    public static string ToCode(this MemberRole role) => role switch
    {
        MemberRole.Member => "member",
        MemberRole.Committee => "committee",
        MemberRole.Liaison => "liaison",
        MemberRole.Secretariat => "secretariat",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static string ToCode(this MemberStatus status) => status switch
    {
        MemberStatus.Active => "active",
        MemberStatus.Suspended => "suspended",
        MemberStatus.Removed => "removed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseRole(string? code, out MemberRole role) => EnumCodes.TryParse(code, ToCode, out role);

    public static bool TryParseStatus(string? code, out MemberStatus status) => EnumCodes.TryParse(code, ToCode, out status);

    /// <summary>True for the roles that are tied to a ccTLD.</summary>
    public static bool HasCcTld(this MemberRole role) => role is MemberRole.Member or MemberRole.Committee;
}
