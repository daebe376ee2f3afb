using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Login;

/// <summary>The second step of a login with TOTP: a code from the app, or a recovery code.</summary>
[Authorize(Policy = PortalPolicies.SecondFactor)]
[EnableRateLimiting(PortalRateLimits.Code)]
internal sealed class CodeModel(LoginService login) : FormPageModel
{
    public override string PagePath => "/login/code";

    [BindProperty(SupportsGet = true, Name = "return")]
    public string? ReturnPath { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public void OnGet()
    {
        ReturnPath = LanguageSwitch.SafeReturnPath(ReturnPath);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ReturnPath = LanguageSwitch.SafeReturnPath(ReturnPath);
        var outcome = await login.VerifySecondFactorAsync(Signed?.Secret, Code, cancellationToken);
        if (outcome.Failure == LoginFailure.WrongCode)
        {
            AddError("code", Texts["CodeWrong"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!outcome.Succeeded)
        {
            PortalCookies.DeleteSession(Response);
            return Redirect(Link("/login"));
        }

        PortalCookies.SetSession(Response, outcome.Session!);
        return Redirect(Link(ReturnPath == "/" ? "/account" : ReturnPath));
    }
}
