using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Membership.Joining;

namespace TldOps.Server.Web.Pages.Join;

/// <summary>The requester's view of a request, by the link mailed to them: where it stands and what happened.</summary>
[AllowAnonymous]
internal sealed class StatusModel(JoinRequestService requests) : PortalPageModel
{
    public override string PagePath => "/join/status";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public JoinRequestStatus? Status { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await requests.GetStatusAsync(Token, cancellationToken);
        if (result.TryGetValue(out var status, out _))
        {
            Status = status;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
