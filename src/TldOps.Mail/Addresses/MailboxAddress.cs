using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace TldOps.Mail.Addresses;

/// <summary>
/// A mailbox (RFC 5322 §3.4): an optional display name and <c>local-part@domain</c>. The local
/// part may be UTF-8 (RFC 6532) and the domain an internationalised name in either form
/// (U-labels or punycode A-labels, RFC 5890); <see cref="ToAscii"/> and
/// <see cref="ToUnicode"/> convert. Immutable.
/// </summary>
public sealed class MailboxAddress : InternetAddress, IEquatable<MailboxAddress>
{
    private static IdnMapping Idn => new() { AllowUnassigned = true, UseStd3AsciiRules = false };

    /// <summary>Creates a mailbox from its parts.</summary>
    /// <param name="displayName">The display name, or null.</param>
    /// <param name="localPart">The local part, unquoted (any Unicode).</param>
    /// <param name="domain">The domain ("example.org", "bücher.example", "[192.0.2.1]"), or empty.</param>
    public MailboxAddress(string? displayName, string localPart, string domain)
        : base(displayName)
    {
        ArgumentNullException.ThrowIfNull(localPart);
        ArgumentNullException.ThrowIfNull(domain);
        LocalPart = localPart;
        Domain = domain;
    }

    /// <summary>Creates a mailbox from an address text such as "jdoe@example.org".</summary>
    /// <param name="displayName">The display name, or null.</param>
    /// <param name="address">The address (an RFC 5322 addr-spec).</param>
    /// <exception cref="AddressFormatException">The address is not valid.</exception>
    public MailboxAddress(string? displayName, string address)
        : base(displayName)
    {
        var parsed = AddressParser.Default.ParseMailbox(address);
        LocalPart = parsed.LocalPart;
        Domain = parsed.Domain;
    }

    /// <summary>The local part, unquoted.</summary>
    public string LocalPart { get; }

    /// <summary>The domain as written (may be U-labels or A-labels, or a domain literal); empty when absent.</summary>
    public string Domain { get; }

    /// <summary>The address <c>local-part@domain</c>, the local part quoted when RFC 5322 requires it.</summary>
    public string Address => Domain.Length == 0 ? QuoteLocalPart(LocalPart) : QuoteLocalPart(LocalPart) + "@" + Domain;

    /// <summary>True when the local part or the domain is not ASCII (sending needs SMTPUTF8 or punycode).</summary>
    public bool IsInternational => !Ascii.IsValid(LocalPart) || !Ascii.IsValid(Domain);

    /// <summary>True when the local part is not ASCII: only SMTPUTF8 (RFC 6531) can carry such an address.</summary>
    public bool RequiresSmtpUtf8 => !Ascii.IsValid(LocalPart);

    /// <summary>Parses one mailbox ("Name &lt;a@b&gt;" or "a@b").</summary>
    /// <param name="text">The text.</param>
    /// <returns>The mailbox.</returns>
    /// <exception cref="AddressFormatException">The text is not one mailbox.</exception>
    public static MailboxAddress Parse(string text) => AddressParser.Default.ParseMailbox(text);

    /// <summary>Tries to parse one mailbox.</summary>
    /// <param name="text">The text.</param>
    /// <param name="mailbox">The mailbox, or null.</param>
    /// <returns>Whether the text was one mailbox.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out MailboxAddress? mailbox) =>
        AddressParser.Default.TryParseMailbox(text, out mailbox);

    /// <summary>
    /// This mailbox with its domain in A-labels (punycode, RFC 5891), as needed without
    /// SMTPUTF8. The local part is unchanged.
    /// </summary>
    /// <returns>The converted mailbox (this one when nothing changes).</returns>
    /// <exception cref="AddressFormatException">The domain is not a valid internationalised domain name.</exception>
    public MailboxAddress ToAscii()
    {
        if (Ascii.IsValid(Domain) || Domain.StartsWith('['))
        {
            return this;
        }

        try
        {
            return new MailboxAddress(DisplayName, LocalPart, Idn.GetAscii(Domain.TrimEnd('.')));
        }
        catch (ArgumentException exception)
        {
            throw new AddressFormatException($"'{Domain}' is not a valid internationalised domain name: {exception.Message}", LocalPart.Length + 1);
        }
    }

    /// <summary>This mailbox with its domain in U-labels (for display). Invalid A-labels are kept as they are.</summary>
    /// <returns>The converted mailbox (this one when nothing changes).</returns>
    public MailboxAddress ToUnicode()
    {
        if (!Domain.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return this;
        }

        try
        {
            return new MailboxAddress(DisplayName, LocalPart, Idn.GetUnicode(Domain));
        }
        catch (ArgumentException)
        {
            // Not valid punycode: show what was sent.
            return this;
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<MailboxAddress> Mailboxes() => [this];

    /// <summary>
    /// Same local part (case-sensitive, RFC 5321 §2.4) and same domain (case-insensitive,
    /// compared in A-label form so that IDN spellings match). Display names are ignored.
    /// </summary>
    /// <param name="other">The other mailbox.</param>
    /// <returns>Whether they are the same address.</returns>
    public bool Equals(MailboxAddress? other) =>
        other is not null
        && string.Equals(LocalPart, other.LocalPart, StringComparison.Ordinal)
        && string.Equals(ComparableDomain(), other.ComparableDomain(), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MailboxAddress);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(LocalPart, ComparableDomain().ToUpperInvariant());

    /// <summary>The mailbox as text: <c>Name &lt;a@b&gt;</c> or <c>a@b</c> (not encoded; see <see cref="AddressFormatter"/>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        DisplayName is null ? Address : $"{AddressFormatter.QuotePhraseIfNeeded(DisplayName)} <{Address}>";

    internal static string QuoteLocalPart(string localPart)
    {
        if (localPart.Length > 0 && IsDotAtom(localPart))
        {
            return localPart;
        }

        var builder = new StringBuilder(localPart.Length + 2).Append('"');
        foreach (var c in localPart)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }

    /// <summary>RFC 5322 §3.2.3 dot-atom (RFC 6532 adds non-ASCII to atext).</summary>
    internal static bool IsDotAtom(string text)
    {
        if (text.Length == 0 || text[0] == '.' || text[^1] == '.' || text.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return text.All(c => c == '.' || AddressParser.IsAtomChar(c));
    }

    private string ComparableDomain()
    {
        if (Ascii.IsValid(Domain))
        {
            return Domain;
        }

        try
        {
            return Idn.GetAscii(Domain.TrimEnd('.'));
        }
        catch (ArgumentException)
        {
            return Domain;
        }
    }
}
