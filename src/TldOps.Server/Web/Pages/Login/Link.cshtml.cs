using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Login;

/// <summary>
/// Where a login link leads. Opening it changes nothing (mail scanners open links too); the
/// button on it logs in, in the browser holding the nonce, and goes to the next step: the TOTP
/// code, TOTP enrolment, or the page the person wanted.
/// </summary>
[AllowAnonymous]
internal sealed class LinkModel(LoginService login) : FormPageModel
{
    public override string PagePath => "/login/link";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public LoginFailure? Failure { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await login.IsLinkUsableAsync(Token, cancellationToken))
        {
            Failure = LoginFailure.LinkNotValid;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (nonce, returnPath) = PortalCookies.ReadLoginNonce(Request);
        var outcome = await login.UseLinkAsync(Token, nonce, Request.Headers.UserAgent.ToString(), cancellationToken);
        if (!outcome.Succeeded)
        {
            Failure = outcome.Failure;
            Response.StatusCode = outcome.Failure == LoginFailure.OtherBrowser ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound;
            return Page();
        }

        PortalCookies.DeleteLoginNonce(Response);
        PortalCookies.SetSession(Response, outcome.Session!);
        return Redirect(NextStep(outcome.Session!.Stage, returnPath));
    }

    /// <summary>Where a session at <paramref name="stage"/> goes next.</summary>
    private string NextStep(SessionStage stage, string returnPath) => stage switch
    {
        SessionStage.SecondFactor => Link("/login/code") + "?return=" + Uri.EscapeDataString(returnPath),
        SessionStage.Enrolment => Link("/account/totp"),
        _ => Link(returnPath == "/" ? "/account" : returnPath),
    };
}
