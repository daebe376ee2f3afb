using TldOps.Core.Membership;
using TldOps.Core.Registry;

namespace TldOps.Core.Coverage;

/// <summary>
/// Computes coverage from what is stored: the delegated ccTLDs (with the committee's region
/// overrides) and the active people per ccTLD. The CLI, the portal and the API all call this,
/// so they always show the same figures.
/// </summary>
public sealed class CoverageService(CcTldStore ccTlds, MemberStore members)
{
    /// <summary>The coverage report, for every region or only <paramref name="region"/>.</summary>
    public async Task<CoverageReport> GetReportAsync(IcannRegion? region = null, CancellationToken cancellationToken = default)
    {
        var delegated = (await ccTlds.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => t.Delegated && (region is null || t.Region == region))
            .ToList();
        var people = await members.CountActiveByCcTldAsync(cancellationToken).ConfigureAwait(false);

        var regions = IcannRegions.All
            .Where(r => region is null || r == region)
            .Select(r => new RegionCoverage(r, Count(delegated.Where(t => t.Region == r).ToList(), people)))
            .ToList();
        var missing = delegated
            .Where(t => !people.ContainsKey(t.Code))
            .OrderBy(t => t.Region)
            .ThenBy(t => t.Kind)
            .ThenBy(t => t.Code, StringComparer.Ordinal)
            .Select(t => new MissingCcTld(t.Code, t.ULabel, t.Kind, t.CountryCode, t.Region, t.Names))
            .ToList();
        return new CoverageReport(region, Count(delegated, people), regions, missing);
    }

    private static CoverageFigures Count(IReadOnlyList<RegisteredCcTld> scope, IReadOnlyDictionary<string, int> people)
    {
        var memberCcTlds = scope.Count(t => people.ContainsKey(t.Code));
        return new CoverageFigures(
            DelegatedCcTlds: scope.Count,
            AsciiCcTlds: scope.Count(t => t.Kind == CcTldKind.Ascii),
            IdnCcTlds: scope.Count(t => t.Kind == CcTldKind.Idn),
            MemberCcTlds: memberCcTlds,
            Members: scope.Sum(t => people.GetValueOrDefault(t.Code)),
            MissingCcTlds: scope.Count - memberCcTlds);
    }
}
