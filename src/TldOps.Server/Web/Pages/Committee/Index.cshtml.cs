using Microsoft.AspNetCore.Authorization;
using TldOps.Core.Lists.Held;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Committee;

/// <summary>The committee's and secretariat's starting page: what needs attention, and where.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
internal sealed class IndexModel(HeldMessageService held) : PortalPageModel
{
    public override string PagePath => "/committee";

    /// <summary>Posts waiting for a decision.</summary>
    public int HeldCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        HeldCount = await held.CountAsync(HeldState.Pending, cancellationToken);
}
