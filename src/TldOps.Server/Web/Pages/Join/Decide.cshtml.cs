using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Common;
using TldOps.Core.Membership.Joining;

namespace TldOps.Server.Web.Pages.Join;

/// <summary>
/// The ccTLD's IANA administrative contact decides a request through the signed link: approve,
/// reject, or change the contacts and then approve. Opening the page changes nothing; the button
/// decides, once.
/// </summary>
[AllowAnonymous]
internal sealed class DecideModel(JoinRequestService requests) : FormPageModel
{
    public override string PagePath => "/join/decide";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>"approve", "change" or "reject": which of the mail's three links was followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty]
    public List<ContactInput> Contacts { get; set; } = [];

    public JoinDecisionPage? View { get; private set; }

    /// <summary>The decision just taken, if any.</summary>
    public JoinRequest? Decided { get; private set; }

    public bool Changing => string.Equals(Action, "change", StringComparison.Ordinal);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (View is not null && Changing)
        {
            Contacts = View.Request.Contacts.Select(c => ContactInput.From(c, Existing(c))).ToList();
        }
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) => DecideAsync(JoinDecision.Approve, null, cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken cancellationToken) => DecideAsync(JoinDecision.Reject, null, cancellationToken);

    public Task<IActionResult> OnPostChangeAsync(CancellationToken cancellationToken)
    {
        Action = "change";
        return DecideAsync(JoinDecision.Approve, Contacts.Where(c => !c.IsEmpty).Select(c => c.ToForm()).ToList(), cancellationToken);
    }

    private async Task<IActionResult> DecideAsync(JoinDecision decision, IReadOnlyList<JoinContactForm>? revised, CancellationToken cancellationToken)
    {
        var result = await requests.DecideByLinkAsync(Token, decision, revised, cancellationToken);
        if (result.TryGetValue(out var request, out var problem))
        {
            Decided = request;
            return Page();
        }

        if (problem is Invalid)
        {
            Show(problem);
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The page again, as GET shows it: a link that no longer works (used, expired, the
        // request decided meanwhile) is explained as on opening it, not as a bare refusal.
        await LoadAsync(cancellationToken);
        if (View is null)
        {
            return Page();
        }

        if (problem is TooManyContacts tooMany)
        {
            // Nothing was decided and the link is still unused: the admin contact can reject.
            FormError = Texts["DecideTooMany", View.CcTldDisplay, tooMany.Limit, tooMany.Current];
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            Show(problem);
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var page = await requests.GetDecisionPageAsync(Token, cancellationToken);
        if (page.TryGetValue(out var view, out var problem))
        {
            View = view;
            return;
        }

        FormError = problem is Conflict ? Texts["DecideAlready"] : Texts["LinkInvalidText"];
        Response.StatusCode = problem is Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound;
    }

    // A change names the member concerned by public id.
    private string? Existing(JoinContact contact) =>
        contact.MemberId is { } id ? View!.CurrentMembers.FirstOrDefault(m => m.Id == id)?.PublicId : null;
}
