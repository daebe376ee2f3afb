namespace TldOps.Mail.Addresses;

/// <summary>An address in an address field (RFC 5322 §3.4): a <see cref="MailboxAddress"/> or a <see cref="GroupAddress"/>.</summary>
public abstract class InternetAddress
{
    private protected InternetAddress(string? displayName)
    {
        DisplayName = string.IsNullOrEmpty(displayName) ? null : displayName;
    }

    /// <summary>The display name (decoded), or null.</summary>
    public string? DisplayName { get; }

    /// <summary>The mailboxes this address stands for: itself, or a group's members.</summary>
    /// <returns>The mailboxes.</returns>
    public abstract IEnumerable<MailboxAddress> Mailboxes();
}
