using Microsoft.AspNetCore.Authorization;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Committee;

/// <summary>The committee's and secretariat's starting page: what needs attention, and where.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
internal sealed class IndexModel : PortalPageModel
{
    public override string PagePath => "/committee";

    public void OnGet()
    {
    }
}
