namespace TldOps.Mail.Smtp.Protocol;

/// <summary>
/// Turns DATA as sent on the wire back into the message (RFC 5321 §4.5.2): removes the extra
/// dot of dot-stuffed lines and finds the end-of-data line "." exactly as CRLF "." CRLF. A line
/// only starts after CRLF: after a bare LF no dot is removed and no end is recognised, so
/// "LF . LF" and "LF . CRLF" cannot end the data (the SMTP smuggling of 2023).
/// </summary>
internal struct SmtpDotDecoder
{
    private State _state;

    private enum State
    {
        LineStart,
        Dot,
        DotCr,
        Middle,
        Cr,
    }

    /// <summary>True once an LF without a preceding CR was seen.</summary>
    public bool SawBareLineFeed { get; private set; }

    /// <summary>True once any octet above 127 was seen.</summary>
    public bool SawEightBit { get; private set; }

    /// <summary>
    /// Decodes <paramref name="input"/> into <paramref name="output"/>, which must hold at least
    /// input.Length + 1 octets (a CR held back after ".\r" may be released). Returns true when
    /// the end-of-data line was reached; <paramref name="consumed"/> then counts through it.
    /// </summary>
    public bool Decode(ReadOnlySpan<byte> input, Span<byte> output, out int consumed, out int written)
    {
        var i = 0;
        var o = 0;
        while (i < input.Length)
        {
            if (_state == State.Middle)
            {
                // Fast path: copy up to the next CR or LF.
                var run = input[i..].IndexOfAny((byte)'\r', (byte)'\n');
                var length = run < 0 ? input.Length - i : run;
                if (length > 0)
                {
                    var chunk = input.Slice(i, length);
                    SawEightBit |= chunk.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
                    chunk.CopyTo(output[o..]);
                    i += length;
                    o += length;
                    continue;
                }
            }

            var b = input[i++];
            switch (_state)
            {
                case State.LineStart when b == (byte)'.':
                    _state = State.Dot;
                    break;
                case State.Dot when b == (byte)'\r':
                    _state = State.DotCr;
                    break;
                case State.DotCr when b == (byte)'\n':
                    consumed = i;
                    written = o;
                    _state = State.LineStart;
                    return true;
                case State.DotCr:
                    // ".\r" then something else: the dot was stuffing, the CR is data.
                    output[o++] = (byte)'\r';
                    o = Emit(b, output, o, afterCr: true);
                    break;
                default:
                    o = Emit(b, output, o, afterCr: _state == State.Cr);
                    break;
            }
        }

        consumed = i;
        written = o;
        return false;
    }

    private int Emit(byte b, Span<byte> output, int o, bool afterCr)
    {
        output[o++] = b;
        if (b == (byte)'\r')
        {
            _state = State.Cr;
        }
        else if (b == (byte)'\n')
        {
            SawBareLineFeed |= !afterCr;
            _state = afterCr ? State.LineStart : State.Middle;
        }
        else
        {
            SawEightBit |= b >= 0x80;
            _state = State.Middle;
        }

        return o;
    }
}
