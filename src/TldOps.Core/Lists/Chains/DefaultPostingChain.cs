using TldOps.Core.Lists.Rules;

namespace TldOps.Core.Lists.Chains;

/// <summary>
/// The posting chain every list runs, as one ordered list of (rule, action). Order matters only
/// between deciding links: a loop is discarded before anything else (no notice may feed it), a
/// banned address is rejected before it can be held, and the hold rules all run so the committee
/// sees every reason at once.
/// </summary>
public static class DefaultPostingChain
{
    /// <summary>The links, by rule name.</summary>
    public static IReadOnlyList<(string Rule, ChainAction Action)> Links { get; } =
    [
        ("loop", ChainAction.Discard),
        ("banned-address", ChainAction.Reject),
        ("emergency", ChainAction.Hold),
        ("not-member", ChainAction.Hold),
        ("authentication", ChainAction.Hold),
        ("tlp-red", ChainAction.Hold),
        ("max-size", ChainAction.Hold),
        ("max-recipients", ChainAction.Hold),
    ];

    /// <summary>Every rule of the default chain, one instance each.</summary>
    public static IReadOnlyList<IRule> Rules() =>
    [
        new LoopRule(), new BannedAddressRule(), new EmergencyRule(), new NotMemberRule(),
        new AuthenticationRule(), new TlpRedRule(), new MaxSizeRule(), new MaxRecipientsRule(),
    ];

    /// <summary>Builds the chain from <paramref name="rules"/>; throws when one it names is missing.</summary>
    public static PostingChain Create(IEnumerable<IRule> rules)
    {
        var byName = rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        return new PostingChain(Links.Select(l => new Link(
            byName.TryGetValue(l.Rule, out var rule) ? rule : throw new InvalidOperationException($"The default posting chain needs the rule '{l.Rule}'."),
            l.Action)).ToList());
    }

    /// <summary>The default chain over the default rules.</summary>
    public static PostingChain Create() => Create(Rules());
}
