using System.Text.Json;
using TldOps.Core.Common;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// A role with its details: a committee member's position and security-subcommittee seat, a
/// liaison's organisation. <see cref="Validate"/> says what does not fit together.
/// </summary>
public sealed record RoleAssignment(
    MemberRole Role,
    CommitteePosition? Position = null,
    bool SecuritySubcommittee = false,
    LiaisonKind? Liaison = null)
{
    public static RoleAssignment PlainMember { get; } = new(MemberRole.Member);

    public static RoleAssignment Committee(CommitteePosition position = CommitteePosition.Member, bool securitySubcommittee = false) =>
        new(MemberRole.Committee, position, securitySubcommittee);

    public static RoleAssignment Secretariat { get; } = new(MemberRole.Secretariat);

    public static RoleAssignment LiaisonFor(LiaisonKind kind) => new(MemberRole.Liaison, Liaison: kind);

    /// <summary>The problems with this combination, as field errors (empty: it is valid).</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Role == MemberRole.Committee && Position is null)
        {
            errors.Add(new FieldError("position", "a committee member needs a position (chair, vice-chair or member)"));
        }

        if (Role != MemberRole.Committee && (Position is not null || SecuritySubcommittee))
        {
            errors.Add(new FieldError("position", "only committee members have a position or a security-subcommittee seat"));
        }

        if (Role == MemberRole.Liaison && Liaison is null)
        {
            errors.Add(new FieldError("liaison", "a liaison represents SSAC, IANA or ICANN's security team"));
        }

        if (Role != MemberRole.Liaison && Liaison is not null)
        {
            errors.Add(new FieldError("liaison", "only liaisons represent an organisation"));
        }

        return errors;
    }

    /// <summary>The JSON form written into audit rows.</summary>
    public object ToAudit() => new Dictionary<string, object?>
    {
        ["role"] = Role.ToCode(),
        ["position"] = Position?.ToCode(),
        ["securitySubcommittee"] = SecuritySubcommittee,
        ["liaison"] = Liaison?.ToCode(),
    };

    /// <summary>A short description for the CLI: "committee (chair, security subcommittee)".</summary>
    public string Describe()
    {
        var details = new List<string>();
        if (Position is { } position)
        {
            details.Add(position.ToCode());
        }

        if (SecuritySubcommittee)
        {
            details.Add("security subcommittee");
        }

        if (Liaison is { } liaison)
        {
            details.Add(liaison.ToCode());
        }

        return details.Count == 0 ? Role.ToCode() : $"{Role.ToCode()} ({string.Join(", ", details)})";
    }

    internal static string AuditJson(RoleAssignment? from, RoleAssignment to) =>
        JsonSerializer.Serialize(new { from = from?.ToAudit(), to = to.ToAudit() });
}
