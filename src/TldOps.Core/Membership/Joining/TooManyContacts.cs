using TldOps.Core.Common;

namespace TldOps.Core.Membership.Joining;

/// <summary>A ccTLD would have more contacts than it may (the cap, or the committee's exception).</summary>
/// <param name="Message">What to tell the person.</param>
/// <param name="Limit">How many the ccTLD may have.</param>
/// <param name="Current">How many it has (active, plus those in pending requests).</param>
public sealed record TooManyContacts(string Message, int Limit, int Current) : Problem(Message)
{
    public override string Code => "too-many-contacts";
}
