using System.Diagnostics.CodeAnalysis;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Addresses;

/// <summary>
/// Reads address fields (From, To, Cc, Reply-To, Sender…): RFC 5322 §3.4 mailboxes and groups
/// with display names, quoted strings, comments and RFC 2047 encoded words, plus the obsolete
/// syntax of §4.4 (routes, empty list elements, blanks and comments around dots) and what
/// clients send in the wild (a display name after the address, a comment as the only name,
/// unquoted dots and '@' in names, a missing '&gt;', UTF-8 local parts and IDN domains).
/// </summary>
/// <remarks>
/// Parse methods throw <see cref="AddressFormatException"/> naming the character offset;
/// TryParse methods return false; both share one core.
/// </remarks>
public sealed partial class AddressParser
{
    private readonly AddressParserOptions _options;

    /// <summary>Creates a parser.</summary>
    /// <param name="options">Limits; <see cref="AddressParserOptions.Default"/> when null.</param>
    public AddressParser(AddressParserOptions? options = null)
    {
        _options = options ?? AddressParserOptions.Default;
    }

    /// <summary>A parser with the default options.</summary>
    public static AddressParser Default { get; } = new();

    /// <summary>Parses an address list (a From/To/Cc field value).</summary>
    /// <param name="text">The unfolded field value (not RFC 2047-decoded).</param>
    /// <returns>The addresses, in order; empty for an empty field.</returns>
    /// <exception cref="AddressFormatException">The text is not an address list.</exception>
    public IReadOnlyList<InternetAddress> ParseList(string text) =>
        Core(text, single: false, out var error) ?? throw error!;

    /// <summary>Tries to parse an address list.</summary>
    /// <param name="text">The unfolded field value.</param>
    /// <param name="addresses">The addresses, or null.</param>
    /// <returns>Whether the text was an address list.</returns>
    public bool TryParseList(string text, [NotNullWhen(true)] out IReadOnlyList<InternetAddress>? addresses)
    {
        addresses = Core(text, single: false, out _);
        return addresses is not null;
    }

    /// <summary>Parses exactly one mailbox.</summary>
    /// <param name="text">The text ("Name &lt;a@b&gt;" or "a@b").</param>
    /// <returns>The mailbox.</returns>
    /// <exception cref="AddressFormatException">The text is not exactly one mailbox.</exception>
    public MailboxAddress ParseMailbox(string text) =>
        (MailboxAddress)(Core(text, single: true, out var error) ?? throw error!)[0];

    /// <summary>Tries to parse exactly one mailbox.</summary>
    /// <param name="text">The text.</param>
    /// <param name="mailbox">The mailbox, or null.</param>
    /// <returns>Whether the text was exactly one mailbox.</returns>
    public bool TryParseMailbox(string text, [NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        mailbox = Core(text, single: true, out _)?[0] as MailboxAddress;
        return mailbox is not null;
    }

    /// <summary>Parses the address list of a header field.</summary>
    /// <param name="header">The field (its raw value is read; encoded words are decoded in names only).</param>
    /// <returns>The addresses.</returns>
    /// <exception cref="AddressFormatException">The value is not an address list.</exception>
    public IReadOnlyList<InternetAddress> ParseList(Header header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return ParseList(header.UnfoldedText);
    }

    /// <summary>RFC 5322 atext, plus any non-ASCII character (RFC 6532 §3.2).</summary>
    internal static bool IsAtomChar(char c) =>
        c >= 128 || (c > 32 && c < 127 && "()<>[]:;@\\,.\"".IndexOf(c, StringComparison.Ordinal) < 0);

    private List<InternetAddress>? Core(string text, bool single, out AddressFormatException? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        if (text.Length > _options.MaxLength)
        {
            error = new AddressFormatException($"The text is longer than {_options.MaxLength} characters", _options.MaxLength);
            return null;
        }

        var reader = new Reader(text, _options);
        var result = reader.ReadList(single);
        if (result is null)
        {
            error = reader.Error;
            return null;
        }

        if (single && (result.Count != 1 || result[0] is not MailboxAddress))
        {
            error = new AddressFormatException("Expected exactly one mailbox", 0);
            return null;
        }

        return result;
    }
}
