using Microsoft.AspNetCore.Authorization;
using TldOps.Core.Audit;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Committee;

/// <summary>The audit log, newest first, by ccTLD if asked, a page of 100 at a time.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
internal sealed class AuditModel(AuditLog audit) : PortalPageModel
{
    /// <summary>Rows per page: 100, a screenful a committee member can scan.</summary>
    public const int PageSize = 100;

    public override string PagePath => "/committee/audit";

    public string? CcTldFilter { get; private set; }

    public IReadOnlyList<AuditRecord> Rows { get; private set; } = [];

    /// <summary>The link to the next (older) page, or null at the end.</summary>
    public string? OlderLink { get; private set; }

    public async Task OnGetAsync(string? cctld, long? before, CancellationToken cancellationToken)
    {
        CcTldFilter = Core.Registry.CcTldCatalog.Normalise(cctld);
        Rows = await audit.ListAsync(CcTldFilter, limit: PageSize, beforeId: before is > 0 ? before : null, cancellationToken: cancellationToken);
        if (Rows.Count == PageSize)
        {
            OlderLink = Link(PagePath) + "?before=" + Rows[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + (CcTldFilter is null ? string.Empty : "&cctld=" + Uri.EscapeDataString(CcTldFilter));
        }
    }
}
