using Microsoft.AspNetCore.Authorization;
using TldOps.Core.Membership.Joining;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Committee;

/// <summary>Join and change requests per ccTLD, with their state and the authority each decision rests on.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
internal sealed class JoinsModel(JoinRequestStore requests) : PortalPageModel
{
    public override string PagePath => "/committee/joins";

    public string? CcTldFilter { get; private set; }

    public JoinRequestState? StateFilter { get; private set; }

    public IReadOnlyList<JoinRequest> Requests { get; private set; } = [];

    public async Task OnGetAsync(string? cctld, string? state, CancellationToken cancellationToken)
    {
        CcTldFilter = Core.Registry.CcTldCatalog.Normalise(cctld);
        StateFilter = Enum.TryParse<JoinRequestState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        Requests = await requests.ListAsync(StateFilter, CcTldFilter, 500, cancellationToken);
    }
}
