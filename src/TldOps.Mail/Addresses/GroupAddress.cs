namespace TldOps.Mail.Addresses;

/// <summary>A named group of mailboxes (RFC 5322 §3.4), e.g. "undisclosed-recipients:;".</summary>
public sealed class GroupAddress : InternetAddress
{
    /// <summary>Creates a group.</summary>
    /// <param name="name">The group's display name.</param>
    /// <param name="members">Its mailboxes (possibly none).</param>
    public GroupAddress(string name, IEnumerable<MailboxAddress> members)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(members);
        Name = name ?? string.Empty;
        Members = [.. members];
    }

    /// <summary>The group's name.</summary>
    public string Name { get; }

    /// <summary>The mailboxes of the group.</summary>
    public IReadOnlyList<MailboxAddress> Members { get; }

    /// <inheritdoc/>
    public override IEnumerable<MailboxAddress> Mailboxes() => Members;

    /// <summary>The group as text: <c>Name: a@x, b@y;</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {string.Join(", ", Members)};";
}
