namespace TldOps.Core.Lists.Rules;

/// <summary>
/// <c>loop</c>: the message already carries our List-Id (RFC 2919), so it is one of our own copies
/// coming back (an auto-forward, a member's filter re-posting), and must not go round again.
/// </summary>
public sealed class LoopRule : IRule
{
    public string Name => "loop";

    public RuleResult Check(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        var ours = posting.Options.Addresses.ListId;
        foreach (var field in posting.Message.Headers.FindAll("List-Id"))
        {
            var value = field.UnfoldedText;
            var open = value.LastIndexOf('<');
            var close = value.LastIndexOf('>');
            var id = open >= 0 && close > open ? value[(open + 1)..close] : value;
            if (string.Equals(id.Trim(), ours, StringComparison.OrdinalIgnoreCase))
            {
                return RuleResult.Hits($"The message already carries this list's List-Id <{ours}>: it went through the list before.");
            }
        }

        return RuleResult.Misses("No List-Id of this list.");
    }
}
