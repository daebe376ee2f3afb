using TldOps.Core.Lists.Posts;

namespace TldOps.Core.Lists.Rules;

/// <summary>
/// <c>tlp-red</c>: the post is labelled TLP:RED, which TLP 2.0 limits to the named recipients, so
/// it is never sent to the whole list. It is a rule (not the classify handler) because holding is
/// the chain's business; the classification itself is shared.
/// </summary>
public sealed class TlpRedRule : IRule
{
    public string Name => "tlp-red";

    public RuleResult Check(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        return posting.Classification.Tlp == TlpLabel.Red
            ? RuleResult.Hits("Labelled TLP:RED: for named recipients only, never for the whole list.")
            : RuleResult.Misses(posting.Classification.TlpText is { } label ? $"Labelled {label}." : "No TLP label.");
    }
}
