using System.Globalization;

namespace TldOps.Core.Lists.Rules;

/// <summary>
/// <c>max-recipients</c>: To and Cc name more addresses than <see cref="ListOptions.MaxRecipients"/>
/// (a long visible list is usually a mass mailing, or a reply-all storm).
/// </summary>
public sealed class MaxRecipientsRule : IRule
{
    public string Name => "max-recipients";

    public RuleResult Check(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        var count = posting.Message.To.Concat(posting.Message.Cc).SelectMany(a => a.Mailboxes()).Count();
        var limit = posting.Options.MaxRecipients;
        return count > limit
            ? RuleResult.Hits(string.Create(CultureInfo.InvariantCulture, $"To and Cc name {count} addresses; the limit is {limit}."))
            : RuleResult.Misses(string.Create(CultureInfo.InvariantCulture, $"{count} addresses in To and Cc."));
    }
}
