using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;

namespace TldOps.Server.Web.Pages.Profile;

/// <summary>My profile: details as the admin contact gave them, phones and language to change, TOTP, and the browsers logged in.</summary>
internal sealed class IndexModel(ProfileService profiles, ProfileKeyService keys, TotpService totp, SessionStore sessions) : FormPageModel
{
    public override string PagePath => "/account";

    public Member Member { get; private set; } = null!;

    public TotpState Totp { get; private set; } = null!;

    public IReadOnlyList<SessionInfo> Sessions { get; private set; } = [];

    [BindProperty]
    public string? OfficePhone { get; set; }

    [BindProperty]
    public string? MobilePhone { get; set; }

    [BindProperty(Name = "language")]
    public string? ChosenLanguage { get; set; }

    public bool Saved { get; private set; }

    /// <summary>The title in the ccTLD's team and the key's fingerprint, as vetting keeps them.</summary>
    public (string? Title, string? Fingerprint) Key { get; private set; }

    [BindProperty]
    public string? OpenPgpKey { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Saved = Request.Query.ContainsKey("saved");
        return await LoadAsync(fillForm: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var signed = Signed!;
        var result = await profiles.UpdateAsync(signed.Account, OfficePhone, MobilePhone, ChosenLanguage, signed.Actor, cancellationToken);
        if (!result.TryGetValue(out _, out var problem))
        {
            Show(problem);
            return await LoadAsync(fillForm: false, cancellationToken);
        }

        return Redirect(Link("/account") + "?saved=1");
    }

    public async Task<IActionResult> OnPostKeyAsync(bool remove, CancellationToken cancellationToken)
    {
        if (!remove && string.IsNullOrWhiteSpace(OpenPgpKey))
        {
            Show(new Core.Common.Invalid("Paste a key.", [new Core.Common.FieldError("openPgpKey", "empty")]));
            return await LoadAsync(fillForm: true, cancellationToken);
        }

        var signed = Signed!;
        var result = await keys.SetAsync(signed.Account, remove ? null : OpenPgpKey, signed.Actor, cancellationToken);
        if (!result.TryGetValue(out _, out var problem))
        {
            Show(problem);
            return await LoadAsync(fillForm: true, cancellationToken);
        }

        return Redirect(Link("/account") + "?saved=1");
    }

    public async Task<IActionResult> OnPostEndSessionAsync(string? reference, CancellationToken cancellationToken)
    {
        await sessions.RevokeByReferenceAsync(Signed!.Account.MemberId, reference ?? string.Empty, cancellationToken);
        return Redirect(Link("/account"));
    }

    private async Task<IActionResult> LoadAsync(bool fillForm, CancellationToken cancellationToken)
    {
        var account = Signed!.Account;
        var member = await profiles.GetAsync(account, cancellationToken);
        if (member is null)
        {
            return NotFound();
        }

        Member = member;
        Totp = await totp.GetStateAsync(account.MemberId, cancellationToken);
        Sessions = await sessions.ListAsync(account.MemberId, cancellationToken);
        Key = await keys.GetAsync(account, cancellationToken);
        if (fillForm)
        {
            OfficePhone = member.OfficePhone?.E164;
            MobilePhone = member.MobilePhone?.E164;
            ChosenLanguage = member.Language;
        }

        return Page();
    }
}
