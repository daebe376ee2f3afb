using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Committee;

/// <summary>
/// Everyone on the list with their role, status and second factor, by ccTLD; the committee
/// adds liaisons and secretariat staff here (people without a ccTLD, whom no admin contact
/// vouches for). The secretariat reads the page but cannot add.
/// </summary>
[Authorize(Policy = PortalPolicies.Staff)]
internal sealed class MembersModel(AccountStore accounts, RoleService roles, PersonFormValidator validator) : FormPageModel
{
    public override string PagePath => "/committee/members";

    [BindProperty(SupportsGet = true, Name = "cctld")]
    public string? CcTldFilter { get; set; }

    [BindProperty]
    public PersonInput Person { get; set; } = new();

    /// <summary>"liaison-ssac", "liaison-iana", "liaison-icann-security" or "secretariat".</summary>
    [BindProperty]
    public string? Kind { get; set; }

    public IReadOnlyList<Account> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var role = Kind switch
        {
            "secretariat" => RoleAssignment.Secretariat,
            { } kind when kind.StartsWith("liaison-", StringComparison.Ordinal) && RoleCodes.TryParseLiaisonKind(kind["liaison-".Length..], out var liaison) => RoleAssignment.LiaisonFor(liaison),
            _ => null,
        };
        if (role is null)
        {
            Show(new Core.Common.Invalid("Choose what the person is.", [new Core.Common.FieldError("role", "liaison or secretariat")]));
            await LoadAsync(cancellationToken);
            return Page();
        }

        var person = await validator.ValidateAsync(Person.ToForm() with { CcTld = null }, role.Role, cancellationToken);
        var added = person.TryGetValue(out var valid, out var invalid)
            ? await roles.AddAsync(valid, role, Signed!.Actor, cancellationToken)
            : invalid;
        if (!added.TryGetValue(out var account, out var problem))
        {
            Show(problem);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect(Link("/committee/members/" + account.PublicId));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var filter = Core.Registry.CcTldCatalog.Normalise(CcTldFilter);
        People = await accounts.ListAsync(filter, cancellationToken);
    }
}
