using System.Text;

namespace TldOps.Mail.Mime;

public sealed partial class MimeParser
{
    private sealed partial class State
    {
        /// <summary>
        /// Reads a header block up to and including the blank line. The block also ends, with
        /// no blank line, at a boundary line, at a line that is no field (the body starts
        /// there, as in Python's email package), or at the end of input.
        /// </summary>
        private List<Header> ParseHeaders(bool isMessageRoot, ref ReadOnlyMemory<byte>? envelope, out ReadOnlyMemory<byte>? separator)
        {
            var fields = new FieldCollector(_data, options.HeaderFallbackCharset);
            var blockStart = _position;
            var first = true;
            separator = ReadOnlyMemory<byte>.Empty;
            while (_position < _end)
            {
                var lineStart = _position;
                var (lineEnd, contentEnd) = Line(lineStart);
                var kind = Classify(lineStart, lineEnd, contentEnd, first && isMessageRoot, out var name, out var valueStart);
                switch (kind)
                {
                    case LineKind.Separator:
                        fields.End(lineStart);
                        separator = _data[lineStart..lineEnd];
                        _position = lineEnd;
                        return fields.Headers;
                    case LineKind.EndOfBlock:
                        fields.End(lineStart);
                        return fields.Headers;
                    case LineKind.Envelope:
                        envelope = _data[lineStart..lineEnd];
                        break;
                    case LineKind.Field:
                        fields.Start(lineStart, name, valueStart, malformed: false);
                        break;
                    case LineKind.Malformed:
                        fields.Start(lineStart, string.Empty, 0, malformed: true);
                        break;
                    case LineKind.Continuation when !fields.IsOpen:
                        // A continuation before any field: kept for the round trip only.
                        fields.Start(lineStart, string.Empty, 0, malformed: true);
                        break;
                }

                first = false;
                _position = lineEnd;
                if (_position - blockStart > options.MaxHeaderBytes)
                {
                    throw new MimeLimitExceededException(MimeLimit.HeaderBytes, options.MaxHeaderBytes, lineStart);
                }
            }

            fields.End(_position);
            return fields.Headers;
        }

        private LineKind Classify(int lineStart, int lineEnd, int contentEnd, bool mayBeEnvelope, out string name, out int valueStart)
        {
            var span = _data.Span;
            name = string.Empty;
            valueStart = 0;
            if (contentEnd == lineStart && lineEnd > lineStart)
            {
                return LineKind.Separator;
            }

            if (_boundaries.Count > 0 && MatchBoundary(lineStart, contentEnd).Level >= 0)
            {
                return LineKind.EndOfBlock;
            }

            var c = span[lineStart];
            if (c is (byte)' ' or (byte)'\t')
            {
                return LineKind.Continuation;
            }

            var colon = FieldColon(span, lineStart, contentEnd, out var nameEnd);
            if (colon > 0)
            {
                name = Encoding.ASCII.GetString(span[lineStart..nameEnd]);
                valueStart = colon + 1 - lineStart;
                return LineKind.Field;
            }

            var isFromLine = span[lineStart..contentEnd].StartsWith("From "u8);
            if (mayBeEnvelope && isFromLine)
            {
                // The mbox envelope line ("From sender date"), not a field.
                return LineKind.Envelope;
            }

            // No name, or an envelope line in the middle: Python's email package skips such
            // lines and goes on with the fields; they are kept for the round trip only.
            return c == (byte)':' || isFromLine ? LineKind.Malformed : LineKind.EndOfBlock;
        }

        /// <summary>
        /// The position of the colon when the line starts a field: a name of printable ASCII
        /// (RFC 5322 §2.2), optional blanks (the obsolete syntax of §4.5), then ':'. Else -1.
        /// </summary>
        private static int FieldColon(ReadOnlySpan<byte> span, int lineStart, int contentEnd, out int nameEnd)
        {
            var i = lineStart;
            while (i < contentEnd && span[i] is > 32 and < 127 and not (byte)':')
            {
                i++;
            }

            nameEnd = i;
            if (i == lineStart)
            {
                return -1;
            }

            while (i < contentEnd && span[i] is (byte)' ' or (byte)'\t')
            {
                i++;
            }

            return i < contentEnd && span[i] == (byte)':' ? i : -1;
        }

        /// <summary>The end of the line at <paramref name="start"/> (after its LF) and the end of its content (before CRLF or LF).</summary>
        private (int LineEnd, int ContentEnd) Line(int start)
        {
            var span = _data.Span;
            var lf = span[start.._end].IndexOf((byte)'\n');
            int lineEnd, contentEnd;
            if (lf < 0)
            {
                lineEnd = _end;
                contentEnd = _end;
            }
            else
            {
                lineEnd = start + lf + 1;
                contentEnd = start + lf;
                if (contentEnd > start && span[contentEnd - 1] == (byte)'\r')
                {
                    contentEnd--;
                }
            }

            if (contentEnd - start > options.MaxLineLength)
            {
                throw new MimeLimitExceededException(MimeLimit.LineLength, options.MaxLineLength, start);
            }

            if (++_linesSinceCheck >= LinesPerCancellationCheck)
            {
                _linesSinceCheck = 0;
                cancellationToken.ThrowIfCancellationRequested();
            }

            return (lineEnd, contentEnd);
        }

        /// <summary>
        /// Which open boundary the line is, if any: "--" + boundary, then either nothing but
        /// blanks (RFC 2046 §5.1.1 transport padding) or a blank and ignored text (the RFC's note
        /// to implementors: the boundary need only begin the line); "--" right after the
        /// boundary makes it a close line, again followed by nothing or by a blank and text.
        /// Requiring the blank keeps boundaries that are prefixes of others apart. Enclosing
        /// boundaries are tried first, so a boundary reused inside ends the outer part (as
        /// Python's email package reads it).
        /// </summary>
        private BoundaryMatch MatchBoundary(int lineStart, int contentEnd)
        {
            var span = _data.Span;
            var length = contentEnd - lineStart;
            if (length < 2 || span[lineStart] != (byte)'-' || span[lineStart + 1] != (byte)'-')
            {
                return BoundaryMatch.None;
            }

            var rest = span[(lineStart + 2)..contentEnd];
            for (var level = 0; level < _boundaries.Count; level++)
            {
                var boundary = _boundaries[level];
                if (!rest.StartsWith(boundary))
                {
                    continue;
                }

                var tail = rest[boundary.Length..];
                var isClose = tail.StartsWith("--"u8);
                if (isClose)
                {
                    tail = tail[2..];
                }

                if (tail.IsEmpty || tail[0] is (byte)' ' or (byte)'\t')
                {
                    return new BoundaryMatch(level, isClose);
                }
            }

            return BoundaryMatch.None;
        }

        /// <summary>The start of the first boundary line at or after <paramref name="from"/>, or the end of input.</summary>
        private int ScanToBoundary(int from, out BoundaryMatch match)
        {
            var span = _data.Span;
            var position = from;
            while (position < _end)
            {
                var (lineEnd, contentEnd) = Line(position);
                if (_boundaries.Count > 0 && span[position] == (byte)'-')
                {
                    match = MatchBoundary(position, contentEnd);
                    if (match.Level >= 0)
                    {
                        return position;
                    }
                }

                position = lineEnd;
            }

            match = BoundaryMatch.None;
            return _end;
        }

        /// <summary>
        /// Moves to the next boundary line and returns where the content before it ends: the
        /// line break before a boundary belongs to the boundary (RFC 2046 §5.1.1).
        /// </summary>
        private int ReadToBoundary(int from, out BoundaryMatch match)
        {
            var lineStart = ScanToBoundary(from, out match);
            _position = match.Level < 0 ? _end : TrimLineBreak(lineStart, from);
            return _position;
        }

        private int TrimLineBreak(int lineStart, int floor)
        {
            var span = _data.Span;
            if (lineStart > floor && span[lineStart - 1] == (byte)'\n')
            {
                var end = lineStart - 1;
                if (end > floor && span[end - 1] == (byte)'\r')
                {
                    end--;
                }

                return end;
            }

            return lineStart;
        }

        private int SkipLineBreak(int position)
        {
            var span = _data.Span;
            if (position < _end && span[position] == (byte)'\r' && position + 1 < _end && span[position + 1] == (byte)'\n')
            {
                return position + 2;
            }

            return position < _end && span[position] == (byte)'\n' ? position + 1 : position;
        }

        private enum LineKind
        {
            Separator,
            EndOfBlock,
            Continuation,
            Envelope,
            Field,
            Malformed,
        }

        /// <summary>Collects fields; a field runs from its first line to where the next one starts.</summary>
        private sealed class FieldCollector(ReadOnlyMemory<byte> data, string fallbackCharset)
        {
            private int _start = -1;
            private string _name = string.Empty;
            private int _valueStart;
            private bool _malformed;

            public List<Header> Headers { get; } = [];

            public bool IsOpen => _start >= 0;

            public void Start(int start, string name, int valueStart, bool malformed)
            {
                End(start);
                _start = start;
                _name = name;
                _valueStart = valueStart;
                _malformed = malformed;
            }

            public void End(int end)
            {
                if (_start >= 0)
                {
                    Headers.Add(new Header(_name, data[_start..end], _valueStart, fallbackCharset, _malformed));
                    _start = -1;
                }
            }
        }

        private readonly record struct BoundaryMatch(int Level, bool IsClose)
        {
            public static BoundaryMatch None { get; } = new(-1, false);
        }
    }
}
