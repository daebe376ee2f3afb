using System.Text;
using TldOps.Mail.Encodings;

namespace TldOps.Mail.Mime;

/// <summary>
/// A leaf entity: text, an attachment, a signature… Its content is kept as it was on the wire
/// (<see cref="RawContent"/>) and decoded on demand.
/// </summary>
public sealed class MimePart : MimeEntity
{
    private ReadOnlyMemory<byte> _rawContent;

    internal MimePart(HeaderList headers, ReadOnlyMemory<byte>? headerSeparator, ContentType defaultContentType, ReadOnlyMemory<byte> rawContent)
        : base(headers, headerSeparator, defaultContentType)
    {
        _rawContent = rawContent;
    }

    /// <summary>Creates an empty part with a Content-Type field.</summary>
    /// <param name="contentType">The content type.</param>
    /// <param name="formatOptions">Formatting for its fields; <see cref="FormatOptions.Default"/> when null.</param>
    public MimePart(ContentType contentType, FormatOptions? formatOptions = null)
        : base(new HeaderList(formatOptions), null, ContentType.TextPlain)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        Headers.Add(Header.CreateRaw("Content-Type", contentType.ToWireValue(Headers.FormatOptions.AllowUtf8Headers), Headers.FormatOptions));
    }

    /// <summary>The content exactly as on the wire (still transfer-encoded).</summary>
    public ReadOnlyMemory<byte> RawContent => _rawContent;

    /// <summary>The transfer encoding from the Content-Transfer-Encoding field.</summary>
    public ContentEncoding ContentTransferEncoding => ContentEncodings.Parse(Headers.Find("Content-Transfer-Encoding")?.UnfoldedText);

    /// <summary>True for text/* parts.</summary>
    public bool IsText => ContentType.MediaType == "text";

    /// <summary>
    /// The content with the transfer encoding undone. Never throws: base64 and
    /// quoted-printable are decoded leniently, unknown encodings give the raw bytes.
    /// </summary>
    /// <returns>The decoded bytes.</returns>
    public byte[] GetDecodedContent() => ContentTransferEncoding switch
    {
        ContentEncoding.Base64 => Base64Codec.Decode(_rawContent.Span),
        ContentEncoding.QuotedPrintable => QuotedPrintableCodec.Decode(_rawContent.Span),
        ContentEncoding.UUEncode => UUCodec.Decode(_rawContent.Span),
        _ => _rawContent.ToArray(),
    };

    /// <summary>
    /// The decoded content as text in its declared charset (lenient: see
    /// <see cref="CharsetRegistry.Decode"/>). Meant for text/* parts; never throws.
    /// </summary>
    /// <returns>The text.</returns>
    public string GetText() => CharsetRegistry.Default.Decode(GetDecodedContent(), ContentType.Charset);

    /// <summary>
    /// Replaces the content with <paramref name="data"/> encoded as <paramref name="encoding"/>,
    /// and sets or removes the Content-Transfer-Encoding field to match.
    /// </summary>
    /// <param name="data">The decoded content.</param>
    /// <param name="encoding">The transfer encoding to use.</param>
    /// <exception cref="ArgumentException"><see cref="ContentEncoding.UUEncode"/> or <see cref="ContentEncoding.Unknown"/> was asked for.</exception>
    public void SetContent(ReadOnlySpan<byte> data, ContentEncoding encoding)
    {
        var newLine = NewLine;
        _rawContent = encoding switch
        {
            ContentEncoding.Base64 => Base64Codec.Encode(data, newLine),
            ContentEncoding.QuotedPrintable => QuotedPrintableCodec.Encode(data, newLine, isText: IsText),
            ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Binary => data.ToArray(),
            _ => throw new ArgumentException($"Cannot encode content as {encoding}.", nameof(encoding)),
        };

        var value = ContentEncodings.ToValue(encoding);
        if (value is null)
        {
            Headers.Remove("Content-Transfer-Encoding");
        }
        else
        {
            Headers.Replace(Header.CreateRaw("Content-Transfer-Encoding", value, Headers.FormatOptions));
        }
    }

    /// <summary>
    /// Replaces the content with text in UTF-8, normalising line breaks to the part's line
    /// ending and ending the text with one. The transfer encoding is 7bit for ASCII with short
    /// lines, else 8bit when <see cref="FormatOptions.Allow8BitBody"/> allows it (and lines are
    /// short), else quoted-printable; the charset parameter is set to utf-8 (us-ascii for 7bit).
    /// </summary>
    /// <param name="text">The text.</param>
    public void SetText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = NormaliseLineBreaks(text, NewLine);
        var bytes = Encoding.UTF8.GetBytes(normalised);
        var ascii = Ascii.IsValid(bytes);
        var shortLines = MaxLineLength(bytes) <= 998;
        var encoding = ascii && shortLines ? ContentEncoding.SevenBit
            : Headers.FormatOptions.Allow8BitBody && shortLines && !bytes.AsSpan().Contains((byte)0) ? ContentEncoding.EightBit
            : ContentEncoding.QuotedPrintable;
        var type = ContentType.WithParameter("charset", ascii ? "us-ascii" : "utf-8");
        Headers.Replace(Header.CreateRaw("Content-Type", type.ToWireValue(Headers.FormatOptions.AllowUtf8Headers), Headers.FormatOptions));
        SetContent(bytes, encoding);
    }

    internal override void WriteBody(SegmentWriter writer) => writer.Write(_rawContent);

    internal static string NormaliseLineBreaks(string text, string newLine)
    {
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                builder.Append(newLine);
            }
            else if (c == '\n')
            {
                builder.Append(newLine);
            }
            else
            {
                builder.Append(c);
            }
        }

        if (builder.Length > 0 && !builder.ToString().EndsWith(newLine, StringComparison.Ordinal))
        {
            builder.Append(newLine);
        }

        return builder.ToString();
    }

    private static int MaxLineLength(ReadOnlySpan<byte> bytes)
    {
        var longest = 0;
        while (!bytes.IsEmpty)
        {
            var lf = bytes.IndexOf((byte)'\n');
            var length = lf < 0 ? bytes.Length : lf;
            longest = Math.Max(longest, length);
            bytes = lf < 0 ? default : bytes[(lf + 1)..];
        }

        return longest;
    }
}
