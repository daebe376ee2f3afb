using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Notices;

/// <summary>
/// When the list may answer a message automatically (RFC 3834 §2): never to the null
/// reverse-path (a bounce), never to a message that says it was itself automatic
/// (Auto-Submitted other than "no"), never to bulk, junk or list traffic (Precedence, List-Id),
/// and never to one of the list's own addresses. Each of these turns an answer into a loop or
/// into backscatter.
/// </summary>
public static class NoticePolicy
{
    public static bool MayAnswer(MimeMessage message, string? envelopeSender, ListAddresses addresses)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(addresses);
        if (string.IsNullOrEmpty(envelopeSender) || addresses.Classify(envelopeSender, out _) != ListAddressKind.None)
        {
            return false;
        }

        var local = envelopeSender.Split('@')[0];
        if (local.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase) || local.Equals("postmaster", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (message.Headers["Auto-Submitted"] is { } auto && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (message.Headers["Precedence"]?.Trim().ToLowerInvariant() is "bulk" or "junk" or "list")
        {
            return false;
        }

        return !message.Headers.Contains("List-Id") && !message.Headers.Contains("X-Autoreply") && !message.Headers.Contains("X-Autorespond");
    }
}
