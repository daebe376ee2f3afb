using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Registry;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages;

/// <summary>
/// The one-time page, reached by the link <c>tldops serve</c> prints on a fresh installation,
/// where the first committee member (the chair) gives their details, then sets up TOTP.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PortalRateLimits.Join)]
internal sealed class EnrolModel(CommitteeEnrolment enrolment, CcTldStore ccTlds) : FormPageModel
{
    public override string PagePath => "/enrol";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public PersonInput Person { get; set; } = new();

    public bool Usable { get; private set; }

    public IReadOnlyList<RegisteredCcTld> CcTlds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Usable = await enrolment.IsUsableAsync(Token, cancellationToken);
        if (!Usable)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Person.Language ??= Language;
        CcTlds = await DelegatedAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await enrolment.CompleteAsync(Token, Person.ToForm(), Request.Headers.UserAgent.ToString(), cancellationToken);
        if (result.TryGetValue(out var session, out var problem))
        {
            PortalCookies.SetSession(Response, session);
            return Redirect(Link("/account/totp"));
        }

        Usable = problem is Core.Common.Invalid;
        Show(problem);
        CcTlds = Usable ? await DelegatedAsync(cancellationToken) : [];
        return Page();
    }

    private async Task<IReadOnlyList<RegisteredCcTld>> DelegatedAsync(CancellationToken cancellationToken) =>
        (await ccTlds.ListAsync(cancellationToken)).Where(t => t.Delegated).ToList();
}
