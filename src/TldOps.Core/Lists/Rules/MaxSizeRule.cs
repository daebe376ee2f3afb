using System.Globalization;

namespace TldOps.Core.Lists.Rules;

/// <summary><c>max-size</c>: the post is larger than <see cref="ListOptions.MaxMessageBytes"/>.</summary>
public sealed class MaxSizeRule : IRule
{
    public string Name => "max-size";

    public RuleResult Check(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        var limit = posting.Options.MaxMessageBytes;
        return posting.Size > limit
            ? RuleResult.Hits(string.Create(CultureInfo.InvariantCulture, $"The message is {posting.Size:N0} octets; the limit is {limit:N0}."))
            : RuleResult.Misses(string.Create(CultureInfo.InvariantCulture, $"{posting.Size:N0} octets, within {limit:N0}."));
    }
}
