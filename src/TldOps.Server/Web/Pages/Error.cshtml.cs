using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace TldOps.Server.Web.Pages;

/// <summary>
/// The page the status code pages show for an error status, in the visitor's language: not
/// found, forbidden, too many attempts (with when to try again), a form that could not be
/// checked (an expired antiforgery token), or anything else.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PortalPageModel
{
    public override string PagePath => "/";

    public int Code { get; private set; }

    public void OnGet([FromRoute] int code)
    {
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
    }

    // The status code pages re-execute the original method: a refused POST shows the same page.
    // From the route only: the refused form may have had a field called "code" (a TOTP code).
    public void OnPost([FromRoute] int code) => OnGet(code);
}
