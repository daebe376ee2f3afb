using TldOps.Core.Registry;

namespace TldOps.Core.Coverage;

/// <summary>
/// Which delegated ccTLDs are part of TLD-OPS and which are missing, overall (or for one
/// region when <see cref="Region"/> is set), per region, and the missing list itself.
/// </summary>
/// <param name="Region">The region the report is limited to, or null for all.</param>
/// <param name="Totals">The counts for the whole scope.</param>
/// <param name="Regions">The counts per region, in <see cref="IcannRegions.All"/> order (only <see cref="Region"/> when set).</param>
/// <param name="Missing">The missing ccTLDs, by region, ASCII before IDN, then by code.</param>
public sealed record CoverageReport(
    IcannRegion? Region,
    CoverageFigures Totals,
    IReadOnlyList<RegionCoverage> Regions,
    IReadOnlyList<MissingCcTld> Missing);
