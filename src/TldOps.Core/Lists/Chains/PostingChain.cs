using TldOps.Core.Lists.Rules;

namespace TldOps.Core.Lists.Chains;

/// <summary>
/// An ordered list of links, run as Mailman runs its posting chain. Each rule is checked in turn
/// and its hit or miss recorded. A hit on a Discard, Reject or Accept link ends the run with that
/// action; a hit on a Hold link is remembered and the run goes on, so the committee sees every
/// reason to hold a post at once (and a later Discard or Reject still wins: a looping non-member
/// post is dropped, not held). With no deciding hit the post is held if any Hold link hit, else
/// accepted.
/// </summary>
public sealed class PostingChain
{
    public PostingChain(IReadOnlyList<Link> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        Links = links;
    }

    public IReadOnlyList<Link> Links { get; }

    /// <summary>Runs the chain over <paramref name="posting"/>.</summary>
    public ChainDecision Run(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        var trace = new List<RuleCheck>(Links.Count);
        var held = false;
        foreach (var link in Links)
        {
            var result = link.Rule.Check(posting);
            trace.Add(new RuleCheck(link.Rule.Name, result.Hit, result.Reason, link.Action));
            if (!result.Hit)
            {
                continue;
            }

            if (link.Action == ChainAction.Hold)
            {
                held = true;
            }
            else
            {
                return new ChainDecision(link.Action, trace);
            }
        }

        return new ChainDecision(held ? ChainAction.Hold : ChainAction.Accept, trace);
    }
}
