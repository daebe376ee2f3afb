using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Login;

/// <summary>
/// The login form: an address in, a link out by mail. An address that fails
/// <see cref="EmailSyntax"/> gets a field error; for any valid one the page answers the same (no
/// enumeration) and leaves a nonce cookie that the link needs.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PortalRateLimits.Login)]
internal sealed class IndexModel(LoginService login, AddressRateLimiter addressLimits, AccountOptions options) : FormPageModel
{
    public override string PagePath => "/login";

    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The page to open after login (a language-neutral local path).</summary>
    [BindProperty(SupportsGet = true, Name = "return")]
    public string? ReturnPath { get; set; }

    public bool Sent { get; private set; }

    public int Minutes => (int)options.LoginLinkLifetime.TotalMinutes;

    public void OnGet()
    {
        ReturnPath = LanguageSwitch.SafeReturnPath(ReturnPath);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ReturnPath = LanguageSwitch.SafeReturnPath(ReturnPath);
        Email = Email?.Trim();
        // The check every stored address passed: an address it refuses cannot be a member's, and
        // saying so reveals nothing about who is one.
        if (!EmailSyntax.TryNormalise(Email, out var address, out _))
        {
            AddError("email", Texts["InvalidEmail"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!addressLimits.TryLogin(address))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var request = await login.RequestLinkAsync(address, cancellationToken);
        PortalCookies.SetLoginNonce(Response, request.BrowserNonce, ReturnPath, options.LoginLinkLifetime);
        Sent = true;
        return Page();
    }
}
