using Microsoft.AspNetCore.Authorization;
using TldOps.Core.Coverage;
using TldOps.Server.Hosting;

namespace TldOps.Server.Web.Pages;

/// <summary>The home page: what TLD-OPS is, what members get, the figures, how to join.</summary>
[AllowAnonymous]
internal sealed class IndexModel(CoverageService coverage, MembershipSettings membership) : PortalPageModel
{
    public override string PagePath => "/";

    public CoverageFigures Figures { get; private set; } = null!;

    public int MaxContactsPerCcTld => membership.MaxContactsPerCcTld;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Figures = (await coverage.GetReportAsync(cancellationToken: cancellationToken)).Totals;
    }
}
