using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Membership.Reconfirmation;

namespace TldOps.Server.Web.Pages;

/// <summary>
/// A ccTLD's new IANA administrative contact confirms the contacts its predecessor authorised:
/// all of them, or those ticked; the others are suspended at the deadline.
/// </summary>
[AllowAnonymous]
internal sealed class ReconfirmModel(ReconfirmationService reconfirmation) : FormPageModel
{
    public override string PagePath => "/reconfirm";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>"confirm" (all at once) or "review" (tick who stays).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty]
    public List<string> Keep { get; set; } = [];

    public ReconfirmationPage? View { get; private set; }

    public int? Confirmed { get; private set; }

    public bool Reviewing => string.Equals(Action, "review", StringComparison.Ordinal);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAllAsync(CancellationToken cancellationToken) => ConfirmAsync(null, cancellationToken);

    public Task<IActionResult> OnPostSomeAsync(CancellationToken cancellationToken) => ConfirmAsync(Keep, cancellationToken);

    private async Task<IActionResult> ConfirmAsync(IReadOnlyCollection<string>? keep, CancellationToken cancellationToken)
    {
        var result = await reconfirmation.ConfirmByLinkAsync(Token, keep, cancellationToken);
        if (result.TryGetValue(out var count, out var problem))
        {
            Confirmed = count;
            return Page();
        }

        Show(problem);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var page = await reconfirmation.GetPageAsync(Token, cancellationToken);
        if (page.TryGetValue(out var view, out _))
        {
            View = view;
            return;
        }

        Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
