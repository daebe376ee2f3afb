namespace TldOps.Core.Lists.Rules;

/// <summary><c>emergency</c>: the committee switched emergency moderation on, so every post waits for it.</summary>
public sealed class EmergencyRule : IRule
{
    public string Name => "emergency";

    public RuleResult Check(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        return posting.Options.EmergencyModeration
            ? RuleResult.Hits("Emergency moderation is on: every post is reviewed by the committee.")
            : RuleResult.Misses("Emergency moderation is off.");
    }
}
