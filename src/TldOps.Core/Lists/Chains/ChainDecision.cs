namespace TldOps.Core.Lists.Chains;

/// <summary>The chain's outcome for one post, with the trace of every rule it ran.</summary>
public sealed record ChainDecision(ChainAction Action, IReadOnlyList<RuleCheck> Trace)
{
    /// <summary>The checks that caused the outcome: every hit whose link has the outcome's action.</summary>
    public IReadOnlyList<RuleCheck> Causes => Trace.Where(c => c.Hit && c.Action == Action).ToList();
}
