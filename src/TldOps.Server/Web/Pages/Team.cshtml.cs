using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Registry;

namespace TldOps.Server.Web.Pages;

/// <summary>
/// My ccTLD's team: the active people of the member's ccTLD with their roles and how to reach
/// them. Liaisons and secretariat, who have no ccTLD, see each other and the committee.
/// </summary>
internal sealed class TeamModel(MemberStore members, AccountStore accounts, CcTldStore ccTlds) : PortalPageModel
{
    public override string PagePath => "/team";

    public RegisteredCcTld? CcTld { get; private set; }

    /// <summary>The people shown, each with their role in detail.</summary>
    public IReadOnlyList<(Member Member, RoleAssignment Role)> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = Signed!.Account;
        var roles = (me.CcTld is null ? await accounts.ListStaffAsync(cancellationToken) : await accounts.ListByCcTldAsync(me.CcTld, cancellationToken))
            .ToDictionary(a => a.MemberId, a => a.Role);
        People = (await members.ListAsync(roles.Keys, MemberStatus.Active, cancellationToken))
            .Select(m => (m, roles[m.Id]))
            .ToList();
        CcTld = me.CcTld is null ? null : await ccTlds.FindAsync(me.CcTld, cancellationToken);
    }
}
