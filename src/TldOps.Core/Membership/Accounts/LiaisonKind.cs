namespace TldOps.Core.Membership.Accounts;

/// <summary>Whom a liaison represents: the committee's liaisons to SSAC, IANA and ICANN's security team.</summary>
public enum LiaisonKind
{
    Ssac,
    Iana,
    IcannSecurity,
}
