using System.Text;
using TldOps.Mail.Encodings;

namespace TldOps.Mail.Mime;

/// <summary>
/// Parses RFC 5322 / MIME messages from bytes in one pass, keeping every byte so that an
/// unchanged message is written back exactly. Lenient the way real mail needs: missing blank
/// lines, fields folded oddly, boundaries that never close or clash, bodies that end early.
/// </summary>
/// <remarks>
/// Boundary lines are recognised as in RFC 2046 §5.1.1 — "--" + boundary, optionally "--",
/// then blanks, or a blank and text that is ignored — at any nesting level; an enclosing
/// multipart's boundary ends every entity inside it (RFC 2046 §5.1.2). Consecutive identical
/// boundary lines are one boundary, as Python's email package reads them. A message/rfc822
/// body sent in base64 or quoted-printable (which RFC 2046 §5.2.1 forbids but senders do) is
/// decoded and parsed as a message. The only exceptions are
/// <see cref="MimeLimitExceededException"/> (a limit of <see cref="MimeParserOptions"/>) and
/// <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed partial class MimeParser
{
    private readonly MimeParserOptions _options;

    /// <summary>Creates a parser.</summary>
    /// <param name="options">Limits; <see cref="MimeParserOptions.Default"/> when null.</param>
    public MimeParser(MimeParserOptions? options = null)
    {
        _options = options ?? MimeParserOptions.Default;
    }

    /// <summary>Parses one message held in memory. The message keeps slices of <paramref name="data"/>: do not change it afterwards.</summary>
    /// <param name="data">The message bytes.</param>
    /// <param name="cancellationToken">Stops a long parse.</param>
    /// <returns>The message.</returns>
    /// <exception cref="MimeLimitExceededException">A limit was exceeded.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public MimeMessage Parse(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (data.Length > _options.MaxMessageSize)
        {
            throw new MimeLimitExceededException(MimeLimit.MessageSize, _options.MaxMessageSize, _options.MaxMessageSize);
        }

        var state = new State(data, _options, DetectFormat(data.Span), cancellationToken);
        return state.ParseMessage(depth: 0);
    }

    /// <summary>Reads a stream to its end (at most <see cref="MimeParserOptions.MaxMessageSize"/> bytes) and parses it.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="cancellationToken">Stops reading and parsing.</param>
    /// <returns>The message.</returns>
    /// <exception cref="MimeLimitExceededException">A limit was exceeded.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<MimeMessage> ParseAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var data = await ReadAllAsync(stream, _options.MaxMessageSize, async: true, cancellationToken).ConfigureAwait(false);
        return Parse(data, cancellationToken);
    }

    /// <summary>Reads a stream to its end and parses it (synchronous twin of <see cref="ParseAsync"/>).</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="cancellationToken">Stops reading and parsing.</param>
    /// <returns>The message.</returns>
    /// <exception cref="MimeLimitExceededException">A limit was exceeded.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public MimeMessage Parse(Stream stream, CancellationToken cancellationToken = default)
    {
        var task = ReadAllAsync(stream, _options.MaxMessageSize, async: false, cancellationToken);

        // With async: false the task has already completed synchronously.
        var data = task.GetAwaiter().GetResult();
        return Parse(data, cancellationToken);
    }

    internal static async Task<ReadOnlyMemory<byte>> ReadAllAsync(Stream stream, long limit, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > limit)
        {
            // Refuse before allocating: the size is known.
            throw new MimeLimitExceededException(MimeLimit.MessageSize, limit, limit);
        }

        var buffer = new byte[stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position + 1, 1, limit + 1) : 64 * 1024];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > limit)
                {
                    throw new MimeLimitExceededException(MimeLimit.MessageSize, limit, limit);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit + 1));
            }

            var read = async
                ? await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)
                : stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (length > limit)
            {
                throw new MimeLimitExceededException(MimeLimit.MessageSize, limit, limit);
            }
        }

        return buffer.AsMemory(0, length);
    }

    private static FormatOptions DetectFormat(ReadOnlySpan<byte> data)
    {
        // New fields follow the message's own line ending, so a changed LF-only file stays consistent.
        var lf = data.IndexOf((byte)'\n');
        return lf > 0 && data[lf - 1] == (byte)'\r' || lf < 0 ? FormatOptions.Default : FormatOptions.Unix;
    }

    /// <summary>The state of one parse: the input, the position and the open boundaries.</summary>
    private sealed partial class State(ReadOnlyMemory<byte> data, MimeParserOptions options, FormatOptions format, CancellationToken cancellationToken)
    {
        private const int LinesPerCancellationCheck = 4096;

        private readonly ReadOnlyMemory<byte> _data = data;
        private readonly int _end = data.Length;
        private readonly List<byte[]> _boundaries = [];
        private int _position;
        private int _parts;
        private int _linesSinceCheck;

        public MimeMessage ParseMessage(int depth)
        {
            var envelope = default(ReadOnlyMemory<byte>?);
            var entity = ParseEntity(isMessageRoot: true, ContentType.TextPlain, depth, ref envelope);
            return new MimeMessage(entity) { RawEnvelopeLine = envelope };
        }

        private MimeEntity ParseEntity(bool isMessageRoot, ContentType defaultType, int depth, ref ReadOnlyMemory<byte>? envelope)
        {
            var entityStart = _position;
            if (depth > options.MaxMimeDepth)
            {
                throw new MimeLimitExceededException(MimeLimit.MimeDepth, options.MaxMimeDepth, entityStart);
            }

            if (++_parts > options.MaxParts)
            {
                throw new MimeLimitExceededException(MimeLimit.Parts, options.MaxParts, entityStart);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var headers = ParseHeaders(isMessageRoot, ref envelope, out var separator);
            var list = new HeaderList(headers, format);
            var contentTypeHeader = list.Find("Content-Type");
            var contentType = contentTypeHeader is null
                ? defaultType
                : ContentType.Parse(contentTypeHeader.UnfoldedText, defaultType);

            if (contentType.MediaType == "multipart" && contentType.Boundary is not null)
            {
                var boundaryBytes = BoundaryBytes(contentTypeHeader!, contentType.Boundary);
                return ParseMultipart(list, separator, defaultType, contentType, boundaryBytes, depth);
            }

            if (IsEmbeddedMessage(contentType, list, out var encoding))
            {
                return ContentEncodings.IsIdentity(encoding)
                    ? ParseEmbeddedMessage(list, separator, defaultType, depth)
                    : ParseEncodedMessage(list, separator, defaultType, encoding, depth);
            }

            var bodyStart = _position;
            var bodyEnd = ReadToBoundary(bodyStart, out _);
            return new MimePart(list, separator, defaultType, _data[bodyStart..bodyEnd]);
        }

        private static bool IsEmbeddedMessage(ContentType contentType, HeaderList headers, out ContentEncoding encoding)
        {
            // message/rfc822 and message/global (RFC 6532 §3.7) hold a complete message; so
            // did the obsolete message/news. Other message/* bodies (delivery-status,
            // disposition-notification, partial, external-body) are not messages.
            encoding = ContentEncodings.Parse(headers.Find("Content-Transfer-Encoding")?.UnfoldedText);
            return contentType.MediaType == "message"
                && contentType.MediaSubtype is "rfc822" or "global" or "news"
                && encoding is not ContentEncoding.UUEncode;
        }

        private MessagePart ParseEmbeddedMessage(HeaderList headers, ReadOnlyMemory<byte>? separator, ContentType defaultType, int depth)
        {
            ReadOnlyMemory<byte>? envelope = null;
            var root = ParseEntity(isMessageRoot: true, ContentType.TextPlain, depth + 1, ref envelope);
            var message = new MimeMessage(root) { RawEnvelopeLine = envelope };
            return new MessagePart(headers, separator, defaultType, message);
        }

        private MessagePart ParseEncodedMessage(HeaderList headers, ReadOnlyMemory<byte>? separator, ContentType defaultType, ContentEncoding encoding, int depth)
        {
            var bodyStart = _position;
            var bodyEnd = ReadToBoundary(bodyStart, out _);
            var raw = _data[bodyStart..bodyEnd];
            var decoded = encoding == ContentEncoding.Base64
                ? Encodings.Base64Codec.Decode(raw.Span)
                : Encodings.QuotedPrintableCodec.Decode(raw.Span);

            // The decoded message is parsed on its own, sharing the part count; its offsets
            // mean nothing in the input, so a limit it hits is reported at this body.
            var inner = new State(decoded, options, format, cancellationToken) { _parts = _parts };
            MimeMessage message;
            try
            {
                message = inner.ParseMessage(depth + 1);
            }
            catch (MimeLimitExceededException exception)
            {
                throw new MimeLimitExceededException(exception.Limit, exception.LimitValue, bodyStart);
            }

            _parts = inner._parts;
            return new MessagePart(headers, separator, defaultType, message, raw, decoded);
        }

        private MimeEntity ParseMultipart(HeaderList headers, ReadOnlyMemory<byte>? separator, ContentType defaultType, ContentType contentType, byte[] boundary, int depth)
        {
            var own = _boundaries.Count;
            _boundaries.Add(boundary);
            try
            {
                var bodyStart = _position;
                var firstLine = ScanToBoundary(bodyStart, out var match);
                if (match.Level != own || match.IsClose)
                {
                    // No opening boundary before the end, before an enclosing boundary, or
                    // before a close line: there are no parts, and the body is one leaf, as
                    // Python's email package reads it. Only enclosing boundaries end it.
                    _boundaries.RemoveAt(own);
                    int end;
                    try
                    {
                        end = ReadToBoundary(bodyStart, out _);
                    }
                    finally
                    {
                        _boundaries.Insert(own, boundary);
                    }

                    return new MimePart(headers, separator, defaultType, _data[bodyStart..end]);
                }

                var multipart = new Multipart(headers, separator, defaultType, contentType.Boundary!);
                var preambleEnd = TrimLineBreak(firstLine, bodyStart);
                if (firstLine > bodyStart)
                {
                    multipart.Preamble = _data[bodyStart..preambleEnd];
                }

                _position = preambleEnd;
                var childDefault = contentType.MediaSubtype == "digest" ? ContentType.MessageRfc822 : ContentType.TextPlain;
                ParseParts(multipart, own, childDefault, depth);
                return multipart;
            }
            finally
            {
                _boundaries.RemoveAt(own);
            }
        }

        private void ParseParts(Multipart multipart, int own, ContentType childDefault, int depth)
        {
            while (_position < _end)
            {
                var delimiterStart = _position;
                var lineStart = SkipLineBreak(_position);
                var (lineEnd, contentEnd) = Line(lineStart);
                var match = MatchBoundary(lineStart, contentEnd);
                if (match.Level != own)
                {
                    // An enclosing boundary (or nothing): this multipart ends without its close line.
                    return;
                }

                if (match.IsClose)
                {
                    multipart.RawClose = _data[delimiterStart..lineEnd];

                    // After the close line only enclosing boundaries end the epilogue.
                    var ownBytes = _boundaries[own];
                    _boundaries.RemoveAt(own);
                    try
                    {
                        var epilogueEnd = ReadToBoundary(lineEnd, out _);
                        if (epilogueEnd > lineEnd)
                        {
                            multipart.Epilogue = _data[lineEnd..epilogueEnd];
                        }
                    }
                    finally
                    {
                        _boundaries.Insert(own, ownBytes);
                    }

                    return;
                }

                _position = lineEnd;
                SkipRepeatedDelimiters(own);
                var rawDelimiter = _data[delimiterStart.._position];
                ReadOnlyMemory<byte>? noEnvelope = null;
                var child = ParseEntity(isMessageRoot: false, childDefault, depth + 1, ref noEnvelope);
                multipart.AddParsed(child, rawDelimiter);
            }
        }

        private void SkipRepeatedDelimiters(int own)
        {
            while (_position < _end)
            {
                var (lineEnd, contentEnd) = Line(_position);
                var match = MatchBoundary(_position, contentEnd);
                if (match.Level != own || match.IsClose)
                {
                    return;
                }

                _position = lineEnd;
            }
        }

        private byte[] BoundaryBytes(Header contentTypeHeader, string boundary)
        {
            // The boundary must be matched as the bytes it was written with.
            var raw = contentTypeHeader.RawValue.Span;
            if (Ascii.IsValid(raw) || System.Text.Unicode.Utf8.IsValid(raw))
            {
                return Encoding.UTF8.GetBytes(boundary);
            }

            var fallback = CharsetRegistry.Default.GetEncoding(options.HeaderFallbackCharset) ?? CharsetRegistry.Windows1252;
            return fallback.GetBytes(boundary);
        }
    }
}
