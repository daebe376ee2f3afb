namespace TldOps.Core.Lists.Rules;

/// <summary><c>banned-address</c>: the author's address, or its whole domain, is on the ban list.</summary>
public sealed class BannedAddressRule : IRule
{
    public string Name => "banned-address";

    public RuleResult Check(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        return posting.BannedPattern is { } pattern
            ? RuleResult.Hits($"{posting.Author?.Address} matches the ban '{pattern}'.")
            : RuleResult.Misses("The author's address is not banned.");
    }
}
