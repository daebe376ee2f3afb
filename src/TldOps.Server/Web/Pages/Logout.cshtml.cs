using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages;

/// <summary>Ends this browser's session: on the server first (so a copied cookie is dead too), then the cookie.</summary>
[AllowAnonymous]
internal sealed class LogoutModel(SessionStore sessions) : PortalPageModel
{
    public override string PagePath => "/logout";

    public IActionResult OnGet() => Signed is null ? Redirect(Link("/")) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sessions.RevokeAsync(Request.Cookies[PortalCookies.SessionName(Request)], "logout", cancellationToken);
        PortalCookies.DeleteSession(Response);
        return Redirect(Link("/"));
    }
}
