using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace TldOps.Server.Web.Pages;

/// <summary>The page shown, in the visitor's language, for an address that leads nowhere.</summary>
[AllowAnonymous]
internal sealed class NotFoundModel : PortalPageModel
{
    public override string PagePath => "/";

    public void OnGet()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
