using System.Text;
using TldOps.Mail.Encodings;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Addresses;

/// <summary>
/// Writes address fields: display names as atoms, quoted strings or RFC 2047 encoded words
/// (phrase rules of RFC 2047 §5 (3)), domains as punycode unless UTF-8 headers are allowed,
/// folded at the blanks between addresses.
/// </summary>
public static class AddressFormatter
{
    /// <summary>Creates an address field (From, To, Cc, Reply-To…).</summary>
    /// <param name="name">The field name.</param>
    /// <param name="addresses">The addresses.</param>
    /// <param name="options">Formatting; <see cref="FormatOptions.Default"/> (7-bit) when null.</param>
    /// <returns>The field.</returns>
    /// <exception cref="ArgumentException">
    /// An address has a non-ASCII local part while UTF-8 headers are not allowed (it needs
    /// SMTPUTF8, RFC 6531), or a domain is not a valid internationalised name.
    /// </exception>
    public static Header CreateHeader(string name, IEnumerable<InternetAddress> addresses, FormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        options ??= FormatOptions.Default;
        return Header.CreateRaw(name, ToWireValue(addresses, options), options);
    }

    /// <summary>The addresses in wire form on one line (the field folds them).</summary>
    /// <param name="addresses">The addresses.</param>
    /// <param name="options">Formatting; <see cref="FormatOptions.Default"/> when null.</param>
    /// <returns>The value text.</returns>
    /// <exception cref="ArgumentException">See <see cref="CreateHeader"/>.</exception>
    public static string ToWireValue(IEnumerable<InternetAddress> addresses, FormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        options ??= FormatOptions.Default;
        return string.Join(", ", addresses.Select(a => Format(a, options)));
    }

    /// <summary>A display name quoted when it is not a sequence of atoms (for display, not encoded).</summary>
    internal static string QuotePhraseIfNeeded(string phrase)
    {
        var words = phrase.Split(' ');
        if (words.All(w => w.Length > 0 && w.All(AddressParser.IsAtomChar)))
        {
            return phrase;
        }

        var builder = new StringBuilder(phrase.Length + 2).Append('"');
        foreach (var c in phrase)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return builder.Append('"').ToString();
    }

    private static string Format(InternetAddress address, FormatOptions options) => address switch
    {
        MailboxAddress mailbox => FormatMailbox(mailbox, options),
        GroupAddress group => $"{FormatPhrase(group.Name, options)}: {string.Join(", ", group.Members.Select(m => FormatMailbox(m, options)))};",
        _ => throw new ArgumentException($"Unknown address type {address.GetType().Name}.", nameof(address)),
    };

    private static string FormatMailbox(MailboxAddress mailbox, FormatOptions options)
    {
        if (!options.AllowUtf8Headers)
        {
            if (mailbox.RequiresSmtpUtf8)
            {
                throw new ArgumentException($"'{mailbox.Address}' has a non-ASCII local part, which only SMTPUTF8 (RFC 6531) can carry.", nameof(mailbox));
            }

            try
            {
                mailbox = mailbox.ToAscii();
            }
            catch (AddressFormatException exception)
            {
                throw new ArgumentException(exception.Message, nameof(mailbox), exception);
            }
        }

        return mailbox.DisplayName is null
            ? mailbox.Address
            : $"{FormatPhrase(mailbox.DisplayName, options)} <{mailbox.Address}>";
    }

    private static string FormatPhrase(string phrase, FormatOptions options)
    {
        phrase = phrase.Replace('\r', ' ').Replace('\n', ' ');

        // RFC 2047 §5 (3): a phrase may be made of encoded words (decoders drop the blanks
        // between them); text that would read as an encoded word must be encoded too (§5 (1)).
        if ((!Ascii.IsValid(phrase) && !options.AllowUtf8Headers) || EncodedWords.LooksEncoded(phrase))
        {
            return string.Join(" ", EncodedWords.Encode(phrase));
        }

        return QuotePhraseIfNeeded(phrase);
    }
}
