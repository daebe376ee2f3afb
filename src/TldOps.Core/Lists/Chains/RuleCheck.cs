namespace TldOps.Core.Lists.Chains;

/// <summary>One line of a post's trace: which rule ran, whether it hit, why, and what its link does on a hit.</summary>
public sealed record RuleCheck(string Rule, bool Hit, string Reason, ChainAction Action);
