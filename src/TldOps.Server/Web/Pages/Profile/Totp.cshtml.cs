using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Profile;

/// <summary>
/// TOTP settings: set it up (QR code and the secret as text, confirmed by a first code), see how
/// many recovery codes are left, renew them, or turn TOTP off (not for committee and
/// secretariat). Committee and secretariat without TOTP land here straight after the login link.
/// </summary>
[Authorize(Policy = PortalPolicies.Enrolling)]
[EnableRateLimiting(PortalRateLimits.Code)]
internal sealed class TotpModel(TotpService totp, LoginService login) : FormPageModel
{
    public override string PagePath => "/account/totp";

    [BindProperty]
    public string? Code { get; set; }

    public TotpState State { get; private set; } = null!;

    public TotpEnrolment? Enrolment { get; private set; }

    /// <summary>Fresh recovery codes, shown in this response only.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    /// <summary>Whether the role requires TOTP (it cannot be turned off).</summary>
    public bool Required => Signed!.Account.Role.Role.RequiresTotp();

    /// <summary>Whether this login waits for the enrolment before anything else.</summary>
    public bool Enrolling => Signed!.Session.Stage == SessionStage.Enrolment;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken)
    {
        var signed = Signed!;
        var result = await totp.ConfirmAsync(signed.Account, Code, signed.Actor, cancellationToken);
        if (!result.TryGetValue(out var codes, out var problem))
        {
            Show(problem);
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (Enrolling)
        {
            // The required enrolment is done: this login becomes a complete session, with a new secret.
            var outcome = await login.CompleteEnrolmentAsync(signed.Secret, cancellationToken);
            if (outcome.Session is { } session)
            {
                PortalCookies.SetSession(Response, session);
            }
        }

        RecoveryCodes = codes;
        return Page();
    }

    public async Task<IActionResult> OnPostRenewAsync(CancellationToken cancellationToken)
    {
        var signed = Signed!;
        var result = await totp.RenewRecoveryCodesAsync(signed.Account, Code, signed.Actor, cancellationToken);
        if (!result.TryGetValue(out var codes, out var problem))
        {
            Show(problem);
            await LoadAsync(cancellationToken);
            return Page();
        }

        RecoveryCodes = codes;
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        var signed = Signed!;
        var result = await totp.DisableAsync(signed.Account, Code, signed.Actor, cancellationToken);
        if (!result.TryGetValue(out _, out var problem))
        {
            Show(problem);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect(Link("/account"));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var account = Signed!.Account;
        State = await totp.GetStateAsync(account.MemberId, cancellationToken);
        if (!State.Enabled)
        {
            var enrolment = await totp.GetOrBeginAsync(account, cancellationToken);
            Enrolment = enrolment.IsSuccess ? enrolment.Value : null;
        }
    }
}
