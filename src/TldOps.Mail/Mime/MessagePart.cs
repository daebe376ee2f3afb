namespace TldOps.Mail.Mime;

/// <summary>A message/rfc822 (or message/global, RFC 6532 §3.7) entity: a whole message inside a message.</summary>
public sealed class MessagePart : MimeEntity
{
    private readonly ReadOnlyMemory<byte>? _encodedContent;
    private readonly ReadOnlyMemory<byte> _decodedSnapshot;

    internal MessagePart(HeaderList headers, ReadOnlyMemory<byte>? headerSeparator, ContentType defaultContentType, MimeMessage message)
        : base(headers, headerSeparator, defaultContentType)
    {
        Message = message;
    }

    internal MessagePart(HeaderList headers, ReadOnlyMemory<byte>? headerSeparator, ContentType defaultContentType, MimeMessage message, ReadOnlyMemory<byte> encodedContent, ReadOnlyMemory<byte> decodedContent)
        : this(headers, headerSeparator, defaultContentType, message)
    {
        _encodedContent = encodedContent;
        _decodedSnapshot = decodedContent;
    }

    /// <summary>Creates a message/rfc822 entity around a message.</summary>
    /// <param name="message">The embedded message.</param>
    /// <param name="formatOptions">Formatting for its fields; <see cref="FormatOptions.Default"/> when null.</param>
    public MessagePart(MimeMessage message, FormatOptions? formatOptions = null)
        : base(new HeaderList(formatOptions), null, ContentType.TextPlain)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message = message;
        Headers.Add(Header.CreateRaw("Content-Type", "message/rfc822", Headers.FormatOptions));
    }

    /// <summary>The embedded message.</summary>
    public MimeMessage Message { get; set; }

    /// <summary>
    /// The transfer encoding of the body: identity for a well-formed message/rfc822, or the
    /// base64 / quoted-printable some senders wrap it in.
    /// </summary>
    public ContentEncoding ContentTransferEncoding => ContentEncodings.Parse(Headers.Find("Content-Transfer-Encoding")?.UnfoldedText);

    internal override void WriteBody(SegmentWriter writer)
    {
        var encoding = ContentTransferEncoding;
        if (ContentEncodings.IsIdentity(encoding))
        {
            Message.WriteTo(writer);
            return;
        }

        // An encoded embedded message is written as it came unless it changed; a changed one
        // is encoded again.
        var bytes = Message.ToArray();
        if (_encodedContent is { } original && bytes.AsSpan().SequenceEqual(_decodedSnapshot.Span))
        {
            writer.Write(original);
            return;
        }

        writer.Write(encoding == ContentEncoding.QuotedPrintable
            ? Encodings.QuotedPrintableCodec.Encode(bytes, NewLine, isText: true)
            : Encodings.Base64Codec.Encode(bytes, NewLine));
    }
}
