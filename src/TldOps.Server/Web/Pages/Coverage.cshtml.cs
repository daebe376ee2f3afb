using Microsoft.AspNetCore.Authorization;
using TldOps.Core.Coverage;
using TldOps.Core.Registry;

namespace TldOps.Server.Web.Pages;

/// <summary>The coverage page: the figures with their denominator, per region, and the missing list.</summary>
[AllowAnonymous]
internal sealed class CoverageModel(CoverageService coverage) : PortalPageModel
{
    public override string PagePath => "/coverage";

    public CoverageReport Report { get; private set; } = null!;

    /// <summary>The same figures as JSON, names in this page's language.</summary>
    public string JsonUrl => Language == Core.Common.Language.English
        ? CoverageApi.Path
        : $"{CoverageApi.Path}?language={Language}";

    /// <summary>The missing ccTLDs grouped by region, in region order.</summary>
    public IEnumerable<IGrouping<IcannRegion, MissingCcTld>> MissingByRegion => Report.Missing.GroupBy(m => m.Region);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Report = await coverage.GetReportAsync(cancellationToken: cancellationToken);
    }

    /// <summary>The resource key of a region's name.</summary>
    public static string RegionKey(IcannRegion region) => "Region" + region;

    public string NameOf(MissingCcTld tld)
    {
        ArgumentNullException.ThrowIfNull(tld);
        return tld.Name(Language);
    }
}
