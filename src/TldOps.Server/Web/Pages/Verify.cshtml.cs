using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Reverification;

namespace TldOps.Server.Web.Pages;

/// <summary>
/// A member confirms, by the link mailed every few months, that their details are right, or
/// corrects them first: phones, language, title, OpenPGP key.
/// </summary>
[AllowAnonymous]
internal sealed class VerifyModel(ReverificationService reverification) : FormPageModel
{
    public override string PagePath => "/verify";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? OfficePhone { get; set; }

    [BindProperty]
    public string? MobilePhone { get; set; }

    [BindProperty(Name = "language")]
    public string? ChosenLanguage { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? OpenPgpKey { get; set; }

    [BindProperty]
    public bool RemoveKey { get; set; }

    public ReverificationPage? View { get; private set; }

    public Member? Confirmed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (View is { } view)
        {
            OfficePhone = view.Member.OfficePhone?.E164;
            MobilePhone = view.Member.MobilePhone?.E164;
            ChosenLanguage = view.Member.Language;
            Title = view.Role;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var corrections = new ReverificationCorrections(OfficePhone ?? string.Empty, MobilePhone ?? string.Empty, ChosenLanguage, Title ?? string.Empty,
            string.IsNullOrWhiteSpace(OpenPgpKey) ? null : OpenPgpKey, RemoveKey);
        var result = await reverification.ConfirmAsync(Token, corrections, cancellationToken);
        if (result.TryGetValue(out var member, out var problem))
        {
            Confirmed = member;
            return Page();
        }

        Show(problem);
        var status = Response.StatusCode;
        await LoadAsync(cancellationToken);
        Response.StatusCode = View is null ? StatusCodes.Status404NotFound : status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var page = await reverification.GetPageAsync(Token, cancellationToken);
        if (page.TryGetValue(out var view, out _))
        {
            View = view;
            return;
        }

        Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
