namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// A member row joined with its role details and TOTP state, as Dapper reads it (a class with
/// settable properties: SQLite and PostgreSQL return different column types, and only property
/// mapping converts both).
/// </summary>
internal class AccountRow
{
    /// <summary>The columns, over <c>member m</c>, <c>LEFT JOIN member_role_detail d</c>, <c>LEFT JOIN totp_secret t</c>.</summary>
    public const string Columns =
        "m.id AS MemberId, m.public_id AS PublicId, m.cctld AS CcTld, m.name AS Name, m.email AS Email, m.language AS Language, " +
        "m.role AS Role, m.status AS Status, d.committee_position AS Position, " +
        "CASE WHEN d.security_subcommittee THEN 1 ELSE 0 END AS SecuritySubcommittee, d.liaison_kind AS LiaisonKind, " +
        "t.confirmed_at AS TotpConfirmedAt";

    public const string Joins =
        "LEFT JOIN member_role_detail d ON d.member_id = m.id LEFT JOIN totp_secret t ON t.member_id = m.id";

    public long MemberId { get; init; }

    public string PublicId { get; init; } = string.Empty;

    public string? CcTld { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Email { get; init; } = string.Empty;

    public string Language { get; init; } = Common.Language.English;

    public string Role { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public string? Position { get; init; }

    public int SecuritySubcommittee { get; init; }

    public string? LiaisonKind { get; init; }

    public DateTimeOffset? TotpConfirmedAt { get; init; }

    public bool IsActive => MemberCodes.TryParseStatus(Status, out var status) && status == MemberStatus.Active;

    public RoleAssignment ToAssignment()
    {
        MemberCodes.TryParseRole(Role, out var role);
        CommitteePosition? position = RoleCodes.TryParsePosition(Position, out var p) ? p : null;
        LiaisonKind? liaison = RoleCodes.TryParseLiaisonKind(LiaisonKind, out var l) ? l : null;
        // A committee row written before its details (by hand, or by an import) still has a seat.
        if (role == MemberRole.Committee)
        {
            position ??= CommitteePosition.Member;
        }

        return new RoleAssignment(
            role,
            role == MemberRole.Committee ? position : null,
            role == MemberRole.Committee && SecuritySubcommittee != 0,
            role == MemberRole.Liaison ? liaison : null);
    }

    public Account ToAccount()
    {
        MemberCodes.TryParseStatus(Status, out var status);
        return new Account(MemberId, PublicId, CcTld, Name, Email, Language, status, ToAssignment(), TotpConfirmedAt is not null);
    }
}
