using Microsoft.AspNetCore.Authorization;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Accounts;
using TldOps.Core.Membership.Reconfirmation;
using TldOps.Core.Membership.Vetting;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Committee;

/// <summary>
/// Who may not be reachable: members whose mail bounces (the list engine's bounce scores: delivery
/// disabled, or a fresh score on its way to the threshold), members
/// whose confirmation is pending or overdue, and ccTLDs waiting for a new admin contact to
/// reconfirm their contacts.
/// </summary>
[Authorize(Policy = PortalPolicies.Staff)]
internal sealed class HealthModel(AccountStore accounts, MemberVettingStore vetting, DeliveryHealth delivery, ListOptions lists, ReconfirmationService reconfirmation) : PortalPageModel
{
    public override string PagePath => "/committee/health";

    public IReadOnlyList<(Account Person, UnreachableMember Bounce)> Bouncing { get; private set; } = [];

    public IReadOnlyList<(Account Person, MemberVetting State)> Verification { get; private set; } = [];

    public IReadOnlyList<ReconfirmationStatus> Reconfirmations { get; private set; } = [];

    /// <summary>The bounce score at which the list stops delivering to a member.</summary>
    public double Threshold => lists.Bounces.Threshold;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var people = (await accounts.ListAsync(cancellationToken: cancellationToken)).ToDictionary(a => a.MemberId);
        Bouncing = (await delivery.ListUnreachableAsync(cancellationToken))
            .Where(b => people.ContainsKey(b.MemberId))
            .Select(b => (people[b.MemberId], b))
            .OrderByDescending(x => x.b.DeliveryDisabled)
            .ThenByDescending(x => x.b.Score)
            .ToList();
        Verification = (await vetting.ListAsync(cancellationToken)).Values
            .Where(v => people.ContainsKey(v.MemberId) && (v.ReverifySentAt is not null || v.UnverifiedSince is not null || v.ReconfirmPending))
            .Select(v => (people[v.MemberId], v))
            .OrderBy(x => x.v.UnverifiedSince is null)
            .ThenBy(x => x.Item1.CcTld, StringComparer.Ordinal)
            .ToList();
        Reconfirmations = await reconfirmation.ListAsync(cancellationToken);
    }

    public static bool IsSuspended(Account person) => person.Status != MemberStatus.Active;
}
