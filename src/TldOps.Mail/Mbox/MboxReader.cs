using System.Runtime.CompilerServices;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Mbox;

/// <summary>
/// Splits mbox files (mboxo/mboxrd, RFC 4155) into messages. Concatenating every entry's
/// <see cref="MboxEntry.Prefix"/>, <see cref="MboxEntry.Data"/> and
/// <see cref="MboxEntry.Separator"/> gives the file back byte for byte.
/// </summary>
/// <remarks>
/// A message starts at a line "From " + sender + optional date, where the sender is "-" or
/// has an '@' when no date follows, and the date has a time of day (hh:mm). This recognises
/// the envelope lines that real mbox writers produce (Netscape's "From - ", Gmail's
/// "From 184…@xxx", "From MAILER-DAEMON Sun Aug  7 11:40:37 2022") while leaving body lines
/// like "From time to time" or "From Russia with love" inside the message, where an mboxo
/// writer forgot to quote them. A blank line before the envelope line is the separator.
/// "&gt;From " quoting is left as it is, as Python's mailbox module does.
/// </remarks>
public sealed class MboxReader
{
    private const int ChunkSize = 64 * 1024;
    private readonly MimeParserOptions _options;

    /// <summary>Creates a reader.</summary>
    /// <param name="options">Limits (<see cref="MimeParserOptions.MaxMessageSize"/> bounds each message); defaults when null.</param>
    public MboxReader(MimeParserOptions? options = null)
    {
        _options = options ?? MimeParserOptions.Default;
    }

    /// <summary>Splits an mbox held in memory.</summary>
    /// <param name="data">The file contents.</param>
    /// <returns>The messages, in order.</returns>
    /// <exception cref="MimeLimitExceededException">A message is larger than <see cref="MimeParserOptions.MaxMessageSize"/>.</exception>
    public IReadOnlyList<MboxEntry> Split(ReadOnlyMemory<byte> data)
    {
        var entries = new List<MboxEntry>();
        var splitter = new Splitter(_options.MaxMessageSize);
        splitter.Feed(data, 0, final: true, entries);
        return entries;
    }

    /// <summary>Reads messages from a stream as they complete, holding at most one message (plus a read chunk) in memory.</summary>
    /// <param name="stream">The mbox stream.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The messages, in order. Each entry owns its bytes.</returns>
    /// <exception cref="MimeLimitExceededException">A message is larger than <see cref="MimeParserOptions.MaxMessageSize"/>.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public async IAsyncEnumerable<MboxEntry> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[ChunkSize];
        var length = 0;
        long bufferOffset = 0;
        var splitter = new Splitter(_options.MaxMessageSize);
        var entries = new List<MboxEntry>();
        while (true)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            length += read;
            var final = read == 0;

            // Entries must outlive the buffer, which is reused: copy what the splitter cut.
            var consumed = splitter.Feed(buffer.AsMemory(0, length), bufferOffset, final, entries);
            foreach (var entry in entries)
            {
                yield return entry with
                {
                    Data = entry.Data.ToArray(),
                    Separator = entry.Separator.ToArray(),
                    Prefix = entry.Prefix.ToArray(),
                };
            }

            entries.Clear();
            if (final)
            {
                yield break;
            }

            buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
            length -= consumed;
            bufferOffset += consumed;
        }
    }

    /// <summary>True when a line (without its line break) is an mbox envelope line.</summary>
    /// <param name="line">The line.</param>
    /// <returns>Whether a message starts there.</returns>
    public static bool IsEnvelopeLine(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("From "u8))
        {
            return false;
        }

        var rest = line[5..].TrimStart((byte)' ');
        var senderEnd = rest.IndexOfAny((byte)' ', (byte)'\t');
        var sender = senderEnd < 0 ? rest : rest[..senderEnd];
        var date = senderEnd < 0 ? default : rest[senderEnd..].Trim(" \t\r"u8);
        if (sender.IsEmpty)
        {
            return false;
        }

        if (date.IsEmpty)
        {
            return sender.SequenceEqual("-"u8) || sender.Contains((byte)'@');
        }

        return HasTimeOfDay(date);
    }

    private static bool HasTimeOfDay(ReadOnlySpan<byte> text)
    {
        for (var i = 1; i + 2 < text.Length; i++)
        {
            if (text[i] == (byte)':' && char.IsAsciiDigit((char)text[i - 1])
                && char.IsAsciiDigit((char)text[i + 1]) && char.IsAsciiDigit((char)text[i + 2]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The splitting state machine, fed with windows that each begin at the current message.</summary>
    private sealed class Splitter(long maxMessageSize)
    {
        private bool _started;
        private int _resume;
        private int _previousLine = -1;
        private ReadOnlyMemory<byte> _prefix = ReadOnlyMemory<byte>.Empty;

        /// <summary>
        /// Cuts every message that is complete in <paramref name="window"/> and returns how many
        /// bytes of it were consumed; the next window must start there. Scanning resumes where it
        /// stopped, so each byte is looked at once.
        /// </summary>
        public int Feed(ReadOnlyMemory<byte> window, long windowOffset, bool final, List<MboxEntry> entries)
        {
            var span = window.Span;
            var start = 0;
            if (!_started)
            {
                if (span.Length < 3 && !final)
                {
                    return 0;
                }

                if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    _prefix = window[..3].ToArray();
                    start = 3;
                }

                _resume = start;
                _started = true;
            }

            var position = _resume;
            var previous = _previousLine;
            while (position < span.Length)
            {
                var lf = span[position..].IndexOf((byte)'\n');
                if (lf < 0 && !final)
                {
                    break;
                }

                var lineEnd = lf < 0 ? span.Length : position + lf + 1;
                var line = span[position..(lf < 0 ? span.Length : position + lf)];
                if (position > start && IsEnvelopeLine(line))
                {
                    var separatorStart = IsBlank(span, previous, position) ? previous : position;
                    entries.Add(new MboxEntry(windowOffset + start, window[start..separatorStart], window[separatorStart..position], _prefix));
                    _prefix = ReadOnlyMemory<byte>.Empty;
                    start = position;
                }

                if (lineEnd - start > maxMessageSize)
                {
                    throw new MimeLimitExceededException(MimeLimit.MessageSize, maxMessageSize, windowOffset + start);
                }

                previous = position;
                position = lineEnd;
            }

            if (final)
            {
                // The blank line that ends every message in an mbox (RFC 4155) ends the last one too.
                var end = previous > start && IsBlank(span, previous, position) ? previous : position;
                if (position > start || !_prefix.IsEmpty)
                {
                    entries.Add(new MboxEntry(windowOffset + start, window[start..end], window[end..position], _prefix));
                }

                return span.Length;
            }

            _resume = position - start;
            _previousLine = previous < start ? -1 : previous - start;
            return start;
        }

        private static bool IsBlank(ReadOnlySpan<byte> span, int lineStart, int nextLineStart) =>
            lineStart >= 0 && span[lineStart..nextLineStart] is [(byte)'\n'] or [(byte)'\r', (byte)'\n'];
    }
}
