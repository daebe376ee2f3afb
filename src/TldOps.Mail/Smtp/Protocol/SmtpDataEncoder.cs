namespace TldOps.Mail.Smtp.Protocol;

/// <summary>
/// Prepares message bytes for the wire in one pass: every LF not preceded by CR becomes CRLF
/// (RFC 5321 §2.3.8; messages from a parser or a file may use bare LF), the last line is ended
/// by CRLF, and, for DATA, a dot that starts a line is doubled (RFC 5321 §4.5.2) and the
/// end-of-data line is appended. Works in pieces: each call fills the output it is given and
/// remembers where it stopped.
/// </summary>
internal struct SmtpDataEncoder
{
    private readonly bool _dotStuff;
    private bool _started;
    private bool _atLineStart;
    private bool _lastWasCr;

    public SmtpDataEncoder(bool dotStuff)
    {
        _dotStuff = dotStuff;
        _atLineStart = true;
    }

    /// <summary>The octet count <see cref="Encode"/> plus <see cref="Finish"/> produce without dot-stuffing (BDAT's size).</summary>
    public static long NormalizedLength(ReadOnlySpan<byte> message)
    {
        long length = message.Length;
        var offset = 0;
        while (offset < message.Length)
        {
            var lf = message[offset..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                break;
            }

            var index = offset + lf;
            if (index == 0 || message[index - 1] != (byte)'\r')
            {
                length++;
            }

            offset = index + 1;
        }

        if (message.Length > 0 && message[^1] != (byte)'\n')
        {
            length += message[^1] == (byte)'\r' ? 1 : 2;
        }

        return length;
    }

    /// <summary>
    /// Encodes as much of <paramref name="input"/> as fits in <paramref name="output"/> (which
    /// should hold at least 3 octets); returns the octets written.
    /// </summary>
    public int Encode(ReadOnlySpan<byte> input, Span<byte> output, out int consumed)
    {
        var i = 0;
        var o = 0;
        while (i < input.Length)
        {
            if (_atLineStart)
            {
                if (_dotStuff && input[i] == (byte)'.')
                {
                    if (o == output.Length)
                    {
                        break;
                    }

                    output[o++] = (byte)'.';
                }

                _atLineStart = false;
                _started = true;
            }

            var rest = input[i..];
            var lf = rest.IndexOf((byte)'\n');
            var segment = lf < 0 ? rest.Length : lf;
            if (segment > 0)
            {
                var n = Math.Min(segment, output.Length - o);
                if (n == 0)
                {
                    break;
                }

                rest[..n].CopyTo(output[o..]);
                o += n;
                i += n;
                _lastWasCr = rest[n - 1] == (byte)'\r';
                if (n < segment)
                {
                    break;
                }
            }

            if (lf < 0)
            {
                break;
            }

            if (output.Length - o < (_lastWasCr ? 1 : 2))
            {
                break;
            }

            if (!_lastWasCr)
            {
                output[o++] = (byte)'\r';
            }

            output[o++] = (byte)'\n';
            i++;
            _lastWasCr = false;
            _atLineStart = true;
        }

        consumed = i;
        return o;
    }

    /// <summary>
    /// Ends the last line if the message did not, then writes ".\r\n" for DATA. Needs up to 5
    /// octets of output; returns the octets written.
    /// </summary>
    public readonly int Finish(Span<byte> output)
    {
        var o = 0;
        if (_started && !_atLineStart)
        {
            if (!_lastWasCr)
            {
                output[o++] = (byte)'\r';
            }

            output[o++] = (byte)'\n';
        }

        if (_dotStuff)
        {
            output[o++] = (byte)'.';
            output[o++] = (byte)'\r';
            output[o++] = (byte)'\n';
        }

        return o;
    }
}
