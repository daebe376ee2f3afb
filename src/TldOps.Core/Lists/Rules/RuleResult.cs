namespace TldOps.Core.Lists.Rules;

/// <summary>A rule's verdict: hit or miss, and why, in words.</summary>
public sealed record RuleResult(bool Hit, string Reason)
{
    public static RuleResult Hits(string reason) => new(true, reason);

    public static RuleResult Misses(string reason) => new(false, reason);
}
