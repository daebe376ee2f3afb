namespace TldOps.Core.Lists.Rules;

/// <summary>
/// One check of the posting chain, as in Mailman's rules: it inspects a post and says whether it
/// hit, with the reason in words for the committee's trace. A rule never changes the message and
/// never decides what happens: the chain's link does.
/// </summary>
public interface IRule
{
    /// <summary>The kebab-case name used in the default chain, the trace and the notices ("not-member").</summary>
    string Name { get; }

    /// <summary>Checks <paramref name="posting"/>.</summary>
    RuleResult Check(Posting posting);
}
