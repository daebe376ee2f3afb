namespace TldOps.Core.Membership;

/// <summary>
/// What a person on the list is there as (DESIGN.md, "Users and roles"). Members and committee
/// members belong to a ccTLD; liaisons (SSAC, IANA, ICANN's security team) and secretariat staff
/// do not. The ccTLD's IANA administrative contact is not a row here: it needs no account.
/// </summary>
public enum MemberRole
{
    Member,
    Committee,
    Liaison,
    Secretariat,
}
