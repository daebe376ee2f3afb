namespace TldOps.Core.Registry;

/// <summary>
/// ICANN's five geographic regions. A territory counts in the region of its mother country
/// unless it chose otherwise (DOMAIN.md); the reference data records both.
/// </summary>
public enum IcannRegion
{
    Africa,
    AsiaPacific,
    Europe,
    LatinAmericaCaribbean,
    NorthAmerica,
}
