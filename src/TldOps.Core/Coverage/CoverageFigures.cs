namespace TldOps.Core.Coverage;

/// <summary>
/// Coverage counts for one scope (everything, or one ICANN region). The denominator of every
/// share is <see cref="DelegatedCcTlds"/>: the ccTLDs delegated in the IANA root zone database,
/// two-letter ASCII ones plus IDN ones (codes listed there but not assigned are not counted).
/// </summary>
/// <param name="DelegatedCcTlds">Delegated ccTLDs: <see cref="AsciiCcTlds"/> + <see cref="IdnCcTlds"/>.</param>
/// <param name="AsciiCcTlds">Two-letter ASCII ccTLDs.</param>
/// <param name="IdnCcTlds">Internationalised ccTLDs.</param>
/// <param name="MemberCcTlds">ccTLDs with at least one active person on the list.</param>
/// <param name="Members">Active people on the list from those ccTLDs (liaisons are not counted).</param>
/// <param name="MissingCcTlds">ccTLDs with nobody on the list: <see cref="DelegatedCcTlds"/> − <see cref="MemberCcTlds"/>.</param>
public sealed record CoverageFigures(
    int DelegatedCcTlds,
    int AsciiCcTlds,
    int IdnCcTlds,
    int MemberCcTlds,
    int Members,
    int MissingCcTlds)
{
    /// <summary>The share of delegated ccTLDs that are members, 0 to 1 (0 when there are none).</summary>
    public double MemberShare => DelegatedCcTlds == 0 ? 0 : (double)MemberCcTlds / DelegatedCcTlds;
}
