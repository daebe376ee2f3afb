using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TldOps.Core.Common;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Registry;
using TldOps.Server.Hosting;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Join;

/// <summary>
/// Asking to join: the ccTLD and its incident-response contacts. The request goes to the ccTLD's
/// IANA administrative contact, who alone decides; the requester gets a link to follow it.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PortalRateLimits.Join)]
internal sealed class IndexModel(JoinRequestService requests, CcTldStore ccTlds, MembershipSettings membership, AddressRateLimiter addressLimits) : FormPageModel
{
    public override string PagePath => "/join";

    [BindProperty]
    public string? CcTld { get; set; }

    [BindProperty]
    public string? RequesterName { get; set; }

    [BindProperty]
    public string? RequesterEmail { get; set; }

    [BindProperty]
    public string? RequesterLanguage { get; set; }

    [BindProperty]
    public List<ContactInput> Contacts { get; set; } = [];

    public IReadOnlyList<RegisteredCcTld> CcTldChoices { get; private set; } = [];

    /// <summary>The stored request, once sent.</summary>
    public JoinSubmission? Sent { get; private set; }

    /// <summary>The ccTLD's cap, when a request went over it.</summary>
    public TooManyContacts? OverCap { get; private set; }

    public int MaxContacts => membership.MaxContactsPerCcTld;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!addressLimits.TryJoin(RequesterEmail))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        // Blocks left empty are not contacts; the numbering of the others stays as on the form.
        var filled = Contacts.Take(JoinRequestService.MaxContactsPerRequest).Select((c, i) => (c, i)).Where(x => !x.c.IsEmpty).ToList();
        var form = new JoinRequestForm(CcTld, filled.Select(x => x.c.ToForm()).ToList(), RequesterEmail, RequesterName,
            JoinRequestKind.Join, Core.Common.Language.Match(RequesterLanguage) ?? Language);
        var result = await requests.SubmitAsync(form, "web", cancellationToken);
        if (result.TryGetValue(out var submission, out var problem))
        {
            Sent = submission;
            return Page();
        }

        if (problem is TooManyContacts tooMany)
        {
            OverCap = tooMany;
            FormError = Texts["JoinTooMany"];
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            // The core numbers the contacts it was given; map them back to the form's blocks.
            Show(problem is Invalid invalid ? Renumber(invalid, filled.Select(x => x.i).ToList()) : problem);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private static Invalid Renumber(Invalid invalid, IReadOnlyList<int> blocks) => invalid with
    {
        Fields = invalid.Fields.Select(f =>
        {
            var match = System.Text.RegularExpressions.Regex.Match(f.Field, @"^contacts\[(\d+)\]");
            return match.Success && int.TryParse(match.Groups[1].Value, out var n) && n < blocks.Count
                ? f with { Field = $"contacts[{blocks[n]}]" + f.Field[match.Length..] }
                : f;
        }).ToList(),
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CcTldChoices = (await ccTlds.ListAsync(cancellationToken)).Where(t => t.Delegated).ToList();
        RequesterLanguage ??= Language;
        while (Contacts.Count < MaxContacts)
        {
            Contacts.Add(new ContactInput { Language = Language });
        }
    }
}
