using Microsoft.AspNetCore.Authorization;
using TldOps.Core.Lists.Held;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Committee;

/// <summary>
/// The moderation queue: the posts the posting chain held, oldest first, each with the rules that
/// held it. Committee and secretariat both moderate (the secretariat is "like the committee,
/// without changing roles").
/// </summary>
[Authorize(Policy = PortalPolicies.Staff)]
internal sealed class HeldModel(HeldMessageService held) : PortalPageModel
{
    /// <summary>Posts shown at once: the queue is decided a few at a time, and 200 is more than a busy week.</summary>
    public const int PageSize = 200;

    public override string PagePath => "/committee/held";

    public IReadOnlyList<HeldMessage> Posts { get; private set; } = [];

    /// <summary>The decision just made on the post's page ("approved", "rejected", "discarded"), and the post.</summary>
    public (string State, long Post)? Decided { get; private set; }

    public async Task OnGetAsync(string? decided, long? post, CancellationToken cancellationToken)
    {
        if (decided is HeldState.Approved or HeldState.Rejected or HeldState.Discarded && post is > 0)
        {
            Decided = (decided, post.Value);
        }

        Posts = await held.ListAsync(HeldState.Pending, PageSize, cancellationToken);
    }
}
