using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TldOps.Core.Common;
using TldOps.Core.Lists.Held;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Web.Pages.Committee;

/// <summary>
/// One held post: who sent it, every rule of the posting chain with its verdict and reason, the
/// text (as plain text, never as the sender's HTML), and the decision: approve (it goes through
/// the pipeline like any accepted post), reject with a reason the sender is told, or discard
/// without telling anyone. The decision is audited with the person and their session as authority.
/// </summary>
[Authorize(Policy = PortalPolicies.Staff)]
internal sealed class HeldPostModel(HeldMessageService held, AccountStore accounts) : FormPageModel
{
    /// <summary>The most text shown (characters): enough to judge a post; a longer one says it was cut.</summary>
    public const int MaxTextShown = 50_000;

    /// <summary>The longest rejection reason accepted (characters): it is quoted in a mail to the sender.</summary>
    public const int MaxReasonLength = 1000;

    public override string PagePath => "/committee/held/" + (RouteData.Values["id"] as string ?? string.Empty);

    public HeldMessageDetail Detail { get; private set; } = null!;

    /// <summary>The person who decided, when the post was decided by someone with an account.</summary>
    public Account? DecidedBy { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    public bool IsPending => Detail.Held.State == HeldState.Pending;

    /// <summary>TLP:RED posts are never sent to the whole list: approving is not offered.</summary>
    public bool IsTlpRed => Detail.Held.Post.Tlp == PostClassifier.Format(TlpLabel.Red);

    /// <summary>The text to show, cut at <see cref="MaxTextShown"/>.</summary>
    public string Text => Detail.BodyText.Length > MaxTextShown ? Detail.BodyText[..MaxTextShown] : Detail.BodyText;

    public bool TextCut => Detail.BodyText.Length > MaxTextShown;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(long id, CancellationToken cancellationToken) =>
        DecideAsync(id, HeldState.Approved, actor => held.ApproveAsync(id, actor.Id, actor.Authority, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken cancellationToken)
    {
        Reason = Reason?.Trim();
        if (string.IsNullOrEmpty(Reason) || Reason.Length > MaxReasonLength)
        {
            return ShowAsync(id, new Invalid("A rejection needs a reason the sender can read.", [new FieldError("reason", $"1 to {MaxReasonLength} characters")]), cancellationToken);
        }

        return DecideAsync(id, HeldState.Rejected, actor => held.RejectAsync(id, actor.Id, Reason, actor.Authority, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostDiscardAsync(long id, CancellationToken cancellationToken) =>
        DecideAsync(id, HeldState.Discarded, actor => held.DiscardAsync(id, actor.Id, actor.Authority, cancellationToken), cancellationToken);

    private async Task<IActionResult> DecideAsync(long id, string state, Func<Actor, Task<Result<HeldMessage>>> decide, CancellationToken cancellationToken)
    {
        var result = await decide(Signed!.Actor);
        if (!result.TryGetValue(out _, out var problem))
        {
            return await ShowAsync(id, problem, cancellationToken);
        }

        return Redirect(Link("/committee/held") + "?decided=" + state + "&post=" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<IActionResult> ShowAsync(long id, Problem problem, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Show(problem);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var result = await held.GetAsync(id, cancellationToken);
        if (!result.TryGetValue(out var detail, out _))
        {
            return false;
        }

        Detail = detail;
        if (detail.Held.DecidedBy is { } by && by.StartsWith("member:", StringComparison.Ordinal))
        {
            DecidedBy = await accounts.FindAnyAsync(by["member:".Length..], cancellationToken);
        }

        return true;
    }
}
