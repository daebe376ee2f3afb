using System.Text;
using TldOps.Mail.Smtp.Protocol;

namespace TldOps.Mail.Smtp;

/// <summary>
/// An envelope address as SMTP carries it in MAIL FROM and RCPT TO (RFC 5321 §4.1.2, extended to
/// UTF-8 by RFC 6531 §3.3). This is the path syntax, not the RFC 5322 header syntax: no display
/// names, no comments. The local part is kept exactly as written (a quoted local part keeps its
/// quotes), so that the address reaches the next server unchanged.
/// </summary>
public sealed class SmtpAddress : IEquatable<SmtpAddress>
{
    private SmtpAddress(string localPart, string domain, bool isNullPath)
    {
        LocalPart = localPart;
        Domain = domain;
        IsNullPath = isNullPath;
        Address = isNullPath ? string.Empty : domain.Length == 0 ? localPart : $"{localPart}@{domain}";
        RequiresSmtpUtf8 = !Ascii.IsValid(Address);
    }

    /// <summary>The null reverse-path <c>&lt;&gt;</c> used by bounces (RFC 5321 §4.5.5).</summary>
    public static SmtpAddress NullReversePath { get; } = new(string.Empty, string.Empty, isNullPath: true);

    /// <summary>The local part as written (quoted local parts keep their quotes and escapes).</summary>
    public string LocalPart { get; }

    /// <summary>
    /// The domain or address literal (with its brackets); empty for the null reverse-path and for
    /// the bare <c>&lt;Postmaster&gt;</c> recipient of RFC 5321 §4.1.1.3.
    /// </summary>
    public string Domain { get; }

    /// <summary>True for <see cref="NullReversePath"/>.</summary>
    public bool IsNullPath { get; }

    /// <summary>The mailbox, <c>local@domain</c>; empty for the null reverse-path.</summary>
    public string Address { get; }

    /// <summary>True when the address holds non-ASCII characters, so SMTPUTF8 (RFC 6531) is needed.</summary>
    public bool RequiresSmtpUtf8 { get; }

    /// <summary>Parses a mailbox (<c>local@domain</c>, no angle brackets) with the default limits.</summary>
    /// <exception cref="SmtpAddressFormatException">The text is not a valid RFC 5321 mailbox.</exception>
    public static SmtpAddress Parse(string mailbox) => Parse(mailbox, SmtpAddressParserOptions.Default);

    /// <summary>Parses a mailbox (<c>local@domain</c>, no angle brackets).</summary>
    /// <exception cref="SmtpAddressFormatException">
    /// The text is not a valid mailbox or exceeds a limit; the offset counts UTF-8 bytes.
    /// </exception>
    public static SmtpAddress Parse(string mailbox, SmtpAddressParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(options);
        var result = SmtpAddressSyntax.ParseMailbox(Encoding.UTF8.GetBytes(mailbox), options, allowBarePostmaster: false);
        return result.Address ?? throw new SmtpAddressFormatException(result.Problem!, result.Offset);
    }

    /// <summary>Parses a mailbox with the default limits; false when it is not valid.</summary>
    public static bool TryParse(string? mailbox, out SmtpAddress? address) =>
        TryParse(mailbox, SmtpAddressParserOptions.Default, out address);

    /// <summary>Parses a mailbox; false when it is not valid or exceeds a limit.</summary>
    public static bool TryParse(string? mailbox, SmtpAddressParserOptions options, out SmtpAddress? address)
    {
        ArgumentNullException.ThrowIfNull(options);
        address = mailbox is null
            ? null
            : SmtpAddressSyntax.ParseMailbox(Encoding.UTF8.GetBytes(mailbox), options, allowBarePostmaster: false).Address;
        return address is not null;
    }

    /// <summary>Parses a UTF-8 mailbox; false when it is not valid or exceeds a limit.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Mailbox, SmtpAddressParserOptions options, out SmtpAddress? address)
    {
        ArgumentNullException.ThrowIfNull(options);
        address = SmtpAddressSyntax.ParseMailbox(utf8Mailbox, options, allowBarePostmaster: false).Address;
        return address is not null;
    }

    /// <summary>The path as sent in a command: the address in angle brackets.</summary>
    public string ToPath() => $"<{Address}>";

    /// <inheritdoc />
    public override string ToString() => IsNullPath ? "<>" : Address;

    /// <summary>
    /// Same local part (case-sensitive, RFC 5321 §2.4) and same domain (case-insensitive). The
    /// bare Postmaster recipient compares case-insensitively, as §4.5.1 requires.
    /// </summary>
    public bool Equals(SmtpAddress? other)
    {
        if (other is null)
        {
            return false;
        }

        if (IsNullPath || other.IsNullPath)
        {
            return IsNullPath == other.IsNullPath;
        }

        var localComparison = Domain.Length == 0 ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(LocalPart, other.LocalPart, localComparison)
            && string.Equals(Domain, other.Domain, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SmtpAddress);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(
        Domain.Length == 0 ? StringComparer.OrdinalIgnoreCase.GetHashCode(LocalPart) : StringComparer.Ordinal.GetHashCode(LocalPart),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Domain),
        IsNullPath);

    internal static SmtpAddress Create(string localPart, string domain) => new(localPart, domain, isNullPath: false);
}
