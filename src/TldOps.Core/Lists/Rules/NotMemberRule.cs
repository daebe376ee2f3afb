namespace TldOps.Core.Lists.Rules;

/// <summary>
/// <c>not-member</c>: the From address is not that of an active member. TLD-OPS is members-only;
/// a post from anyone else (or a suspended member) waits for the committee.
/// </summary>
public sealed class NotMemberRule : IRule
{
    public string Name => "not-member";

    public RuleResult Check(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        if (posting.Author is null)
        {
            return RuleResult.Hits("The message has no readable From address.");
        }

        return posting.Member switch
        {
            null => RuleResult.Hits($"{posting.Author.Address} is not a member of the list."),
            { IsActive: false } m => RuleResult.Hits($"{posting.Author.Address} belongs to a member whose status is {m.Status}."),
            { } m => RuleResult.Misses($"{posting.Author.Address} is an active member ({m.CcTld ?? m.Role})."),
        };
    }
}
