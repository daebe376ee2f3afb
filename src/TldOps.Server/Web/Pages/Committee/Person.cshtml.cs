using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Audit;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Committee;

/// <summary>One person as the committee sees them: details, role, and the audit trail about them. The committee changes the role here.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
internal sealed class PersonModel(AccountStore accounts, MemberStore members, RoleService roles, AuditLog audit) : FormPageModel
{
    public override string PagePath => "/committee/members/" + (RouteData.Values["id"] as string ?? string.Empty);

    public Account Person { get; private set; } = null!;

    public Member Details { get; private set; } = null!;

    public IReadOnlyList<AuditRecord> History { get; private set; } = [];

    /// <summary>The role as posted: "member", "committee", "liaison" or "secretariat".</summary>
    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Position { get; set; }

    [BindProperty]
    public bool Security { get; set; }

    [BindProperty]
    public string? Liaison { get; set; }

    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Changed = Request.Query.ContainsKey("changed");
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!MemberCodes.TryParseRole(Role, out var role))
        {
            role = (MemberRole)(-1);
        }

        CommitteePosition? position = role == MemberRole.Committee && RoleCodes.TryParsePosition(Position, out var p) ? p : null;
        LiaisonKind? liaison = role == MemberRole.Liaison && RoleCodes.TryParseLiaisonKind(Liaison, out var l) ? l : null;
        var result = Enum.IsDefined(role)
            ? await roles.AssignAsync(id, new RoleAssignment(role, position, role == MemberRole.Committee && Security, liaison), Signed!.Actor, cancellationToken)
            : new Core.Common.Invalid("Choose a role.", [new Core.Common.FieldError("role", "member, committee, liaison or secretariat")]);
        if (!result.TryGetValue(out _, out var problem))
        {
            Show(problem);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        return Redirect(Link("/committee/members/" + id) + "?changed=1");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var person = await accounts.FindAnyAsync(id, cancellationToken);
        var details = person is null ? null : await members.FindAsync(person.PublicId, cancellationToken);
        if (person is null || details is null)
        {
            return false;
        }

        Person = person;
        Details = details;
        History = await audit.ListAsync(subject: person.Reference, limit: 50, cancellationToken: cancellationToken);
        return true;
    }
}
