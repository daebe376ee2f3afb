using TldOps.Core.Lists.Rules;

namespace TldOps.Core.Lists.Chains;

/// <summary>One step of a chain: when <paramref name="Rule"/> hits, <paramref name="Action"/> applies.</summary>
public sealed record Link(IRule Rule, ChainAction Action);
