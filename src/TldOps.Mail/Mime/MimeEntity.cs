namespace TldOps.Mail.Mime;

/// <summary>
/// A MIME entity (RFC 2045 §2.4): header fields and a body. The body is a leaf
/// (<see cref="MimePart"/>), a list of entities (<see cref="Multipart"/>) or an embedded
/// message (<see cref="MessagePart"/>). The root entity of a message carries the message's
/// header fields too (as in RFC 2045, where the message is itself an entity).
/// </summary>
public abstract class MimeEntity
{
    private ContentType? _contentType;
    private ContentDisposition? _disposition;
    private bool _dispositionRead;

    private protected MimeEntity(HeaderList headers, ReadOnlyMemory<byte>? headerSeparator, ContentType defaultContentType)
    {
        Headers = headers;
        HeaderSeparator = headerSeparator;
        DefaultContentType = defaultContentType;
        Headers.Changed += OnHeadersChanged;
    }

    /// <summary>The header fields of this entity.</summary>
    public HeaderList Headers { get; }

    /// <summary>
    /// The type assumed without a (readable) Content-Type field: text/plain, or message/rfc822
    /// inside multipart/digest (RFC 2046 §5.1.5).
    /// </summary>
    public ContentType DefaultContentType { get; internal set; }

    /// <summary>The content type from the first Content-Type field, or the default.</summary>
    public ContentType ContentType => _contentType ??= ReadContentType();

    /// <summary>The disposition from the first Content-Disposition field, or null.</summary>
    public ContentDisposition? ContentDisposition
    {
        get
        {
            if (!_dispositionRead)
            {
                var header = Headers.Find("Content-Disposition");
                _disposition = header is null ? null : ContentDisposition.Parse(header.UnfoldedText);
                _dispositionRead = true;
            }

            return _disposition;
        }
    }

    /// <summary>
    /// The file name: Content-Disposition's filename, else Content-Type's name (RFC 2231 and
    /// RFC 2047 decoded, trimmed), or null.
    /// </summary>
    public string? FileName
    {
        get
        {
            var name = ContentDisposition?.FileName ?? ContentType.Name;
            return name?.Trim();
        }
    }

    /// <summary>True when the disposition is "attachment".</summary>
    public bool IsAttachment => ContentDisposition?.IsAttachment == true;

    /// <summary>The Content-ID without angle brackets, or null.</summary>
    public string? ContentId => Headers.Find("Content-ID")?.UnfoldedText.Trim().Trim('<', '>').Trim();

    /// <summary>
    /// The blank line that ended the header block as parsed ("\r\n", "\n", or empty when the
    /// input had none); null for an entity built in memory, which gets a fresh line break.
    /// </summary>
    internal ReadOnlyMemory<byte>? HeaderSeparator { get; set; }

    /// <summary>The line ending for pieces written anew.</summary>
    internal string NewLine => Headers.FormatOptions.NewLine;

    /// <summary>This entity and everything below it, depth first, containers included.</summary>
    /// <returns>The entities.</returns>
    public IEnumerable<MimeEntity> Descendants()
    {
        var stack = new Stack<MimeEntity>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            yield return entity;
            switch (entity)
            {
                case Multipart multipart:
                    for (var i = multipart.Count - 1; i >= 0; i--)
                    {
                        stack.Push(multipart[i]);
                    }

                    break;
                case MessagePart { Message: { } message }:
                    stack.Push(message.Body);
                    break;
            }
        }
    }

    /// <summary>The entity serialised (unchanged pieces byte for byte).</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray()
    {
        var writer = new SegmentWriter();
        WriteTo(writer);
        return writer.ToArray();
    }

    internal void WriteTo(SegmentWriter writer)
    {
        foreach (var header in Headers)
        {
            writer.Write(header.RawField);
            if (!header.RawField.Span.EndsWith("\n"u8))
            {
                writer.RequestNewLine(NewLine);
            }
        }

        if (HeaderSeparator is { } separator)
        {
            writer.Write(separator);
        }
        else
        {
            writer.Write(NewLine);
        }

        WriteBody(writer);
    }

    /// <summary>Writes the body (everything after the blank line).</summary>
    internal abstract void WriteBody(SegmentWriter writer);

    /// <summary>Drops values derived from the header fields.</summary>
    private protected virtual void OnHeadersChanged()
    {
        _contentType = null;
        _disposition = null;
        _dispositionRead = false;
    }

    private ContentType ReadContentType()
    {
        var header = Headers.Find("Content-Type");
        return header is null ? DefaultContentType : ContentType.Parse(header.UnfoldedText, DefaultContentType);
    }
}
