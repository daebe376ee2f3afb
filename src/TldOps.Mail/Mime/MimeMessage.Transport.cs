using System.Collections.Frozen;
using System.Text;
using TldOps.Mail.Addresses;

namespace TldOps.Mail.Mime;

public sealed partial class MimeMessage
{
    private static readonly FrozenSet<string> AddressFields = new[]
    {
        "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Resent-From", "Resent-Sender", "Resent-To", "Resent-Cc", "Resent-Bcc",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when a header field (of the message or of any entity) holds raw 8-bit bytes: sending it needs SMTPUTF8 (RFC 6531) unless downgraded.</summary>
    public bool HasEightBitHeaders => EnumerateEntities().Any(e => e.Headers.Any(h => !Ascii.IsValid(h.RawField.Span)));

    /// <summary>True when some content holds 8-bit bytes: sending it needs 8BITMIME (RFC 6152) unless converted.</summary>
    public bool HasEightBitContent => EnumerateEntities().OfType<MimePart>().Any(p => !Ascii.IsValid(p.RawContent.Span));

    /// <summary>True when an address field has a non-ASCII local part, which only SMTPUTF8 can carry.</summary>
    public bool RequiresSmtpUtf8 => Headers.Fields()
        .Where(h => AddressFields.Contains(h.Name))
        .Any(h => AddressParser.Default.TryParseList(h.UnfoldedText, out var list) && list.SelectMany(a => a.Mailboxes()).Any(m => m.RequiresSmtpUtf8));

    /// <summary>
    /// Makes the message 7-bit clean for a peer without 8BITMIME or SMTPUTF8: 8-bit leaves are
    /// re-encoded (quoted-printable for text, base64 otherwise), 8-bit header fields are
    /// written again with RFC 2047 words and punycode domains. Content under multipart/signed
    /// or multipart/encrypted is left alone, since changing it would break the signature
    /// (RFC 1847 requires such content to be 7-bit already). Only what changes is rewritten.
    /// </summary>
    /// <returns>True when anything changed.</returns>
    /// <exception cref="ArgumentException">An address has a non-ASCII local part (<see cref="RequiresSmtpUtf8"/>): it cannot be downgraded.</exception>
    public bool ConvertToSevenBit()
    {
        var changed = false;
        foreach (var entity in EnumerateEntitiesOutsideSignatures())
        {
            changed |= DowngradeFields(entity.Headers);
            if (entity is MimePart part && !Ascii.IsValid(part.RawContent.Span))
            {
                var decoded = part.GetDecodedContent();
                part.SetContent(decoded, part.IsText ? ContentEncoding.QuotedPrintable : ContentEncoding.Base64);
                changed = true;
            }
        }

        return changed;
    }

    private static bool DowngradeFields(HeaderList headers)
    {
        var options = headers.FormatOptions.AllowUtf8Headers ? FormatOptions.Default : headers.FormatOptions;
        var changed = false;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (header.IsMalformed || Ascii.IsValid(header.RawField.Span))
            {
                continue;
            }

            Header replacement;
            if (AddressFields.Contains(header.Name) && AddressParser.Default.TryParseList(header.UnfoldedText, out var addresses))
            {
                replacement = AddressFormatter.CreateHeader(header.Name, addresses, options);
            }
            else
            {
                replacement = Header.Create(header.Name, header.Value, options);
            }

            headers.RemoveAt(i);
            headers.Insert(i, replacement);
            changed = true;
        }

        return changed;
    }

    private IEnumerable<MimeEntity> EnumerateEntitiesOutsideSignatures()
    {
        var stack = new Stack<MimeEntity>();
        stack.Push(Body);
        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            yield return entity;
            if (entity is Multipart multipart && !multipart.ContentType.Is("multipart", "signed") && !multipart.ContentType.Is("multipart", "encrypted"))
            {
                for (var i = multipart.Count - 1; i >= 0; i--)
                {
                    stack.Push(multipart[i]);
                }
            }
            else if (entity is MessagePart { Message: { } embedded })
            {
                stack.Push(embedded.Body);
            }
        }
    }
}
