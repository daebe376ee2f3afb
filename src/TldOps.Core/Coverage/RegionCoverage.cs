using TldOps.Core.Registry;

namespace TldOps.Core.Coverage;

/// <summary>The coverage counts of one ICANN region (a territory counts in its mother country's region unless it chose otherwise).</summary>
public sealed record RegionCoverage(IcannRegion Region, CoverageFigures Figures);
