namespace TldOps.Mail.Mime;

/// <summary>A message/rfc822 (or message/global, RFC 6532 §3.7) entity: a whole message inside a message.</summary>
public sealed class MessagePart : MimeEntity
{
    internal MessagePart(HeaderList headers, ReadOnlyMemory<byte>? headerSeparator, ContentType defaultContentType, MimeMessage message)
        : base(headers, headerSeparator, defaultContentType)
    {
        Message = message;
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

    internal override void WriteBody(SegmentWriter writer) => Message.WriteTo(writer);
}
