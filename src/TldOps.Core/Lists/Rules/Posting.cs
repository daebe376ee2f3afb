using TldOps.Core.Lists.Posts;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Rules;

/// <summary>
/// A message sent to the posting address, with the facts the rules need gathered beforehand
/// (who the author is on the list, what DKIM proved, whether the address is banned), so that
/// rules are plain functions of this object and the chain can run without I/O.
/// </summary>
public sealed class Posting
{
    public required MimeMessage Message { get; init; }

    /// <summary>Size in octets as received.</summary>
    public required long Size { get; init; }

    /// <summary>SMTP MAIL FROM; null for the null reverse-path.</summary>
    public string? EnvelopeSender { get; init; }

    /// <summary>The first mailbox of From, or null when From is absent or unreadable.</summary>
    public MailboxAddress? Author { get; init; }

    /// <summary>The person on the list with the author's address (active or suspended), or null.</summary>
    public ListMember? Member { get; init; }

    /// <summary>The domain of a passing DKIM signature aligned with the From domain, or null.</summary>
    public string? AuthenticatedDomain { get; init; }

    /// <summary>The ban pattern the author's address matches, or null.</summary>
    public string? BannedPattern { get; init; }

    public PostClassification Classification { get; init; } = PostClassification.Empty;

    public required ListOptions Options { get; init; }
}
