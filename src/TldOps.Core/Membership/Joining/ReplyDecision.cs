using TldOps.Core.Membership.Authority;

namespace TldOps.Core.Membership.Joining;

/// <summary>A decision read from a reply mail, with what identifies its author.</summary>
/// <param name="TokenId">The request's tag ("TLD-OPS #TOKENID").</param>
/// <param name="Decision">The keyword found on the first line.</param>
/// <param name="From">The From address.</param>
/// <param name="Copied">The To and Cc addresses.</param>
/// <param name="MessageId">The reply's Message-ID.</param>
/// <param name="AuthenticatedDomain">The DKIM-aligned From domain, or null.</param>
public sealed record ReplyDecision(string TokenId, JoinDecision Decision, string From, IReadOnlyList<string> Copied, string? MessageId, string? AuthenticatedDomain)
{
    /// <summary>The reply's Message-ID as the audit log writes it.</summary>
    public string MessageRef => $"<{MessageId ?? "no-message-id"}>";

    /// <summary>
    /// What entitles this reply to decide a question that was put to <paramref name="asked"/>,
    /// <paramref name="current"/> being the ccTLD's admin contact now: sent from that address, or
    /// copying it (many admin-contact addresses are aliases that cannot send). Null when it may
    /// not decide: someone else wrote, or the admin contact is no longer the one asked.
    /// </summary>
    public string? AuthorityFor(AdminContact? current, string? asked)
    {
        if (current is null || !string.Equals(current.Email, asked, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return string.Equals(From, current.Email, StringComparison.OrdinalIgnoreCase) ? $"message:{MessageRef} from {From}"
            : Copied.Contains(current.Email, StringComparer.OrdinalIgnoreCase) ? $"cc:{current.Email} on message {MessageRef} from {From}"
            : null;
    }
}
