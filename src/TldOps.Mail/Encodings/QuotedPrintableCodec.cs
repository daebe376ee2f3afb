namespace TldOps.Mail.Encodings;

/// <summary>The quoted-printable content transfer encoding (RFC 2045 §6.7).</summary>
public static class QuotedPrintableCodec
{
    /// <summary>The longest encoded line RFC 2045 §6.7 rule 5 allows, soft break included (76).</summary>
    public const int MaxLineLength = 76;

    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    /// <summary>
    /// Decodes quoted-printable text. Never throws. <c>=XX</c> (either case) becomes the byte;
    /// a '=' at the end of a line, optionally followed by blanks (RFC 2045 §6.7 allows
    /// transport padding there), is a soft line break; any other '=' is kept literally, as
    /// RFC 2045 §6.7 note (2) recommends. Hard line breaks are kept as they are.
    /// </summary>
    /// <param name="encoded">The encoded bytes.</param>
    /// <returns>The decoded bytes.</returns>
    public static byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var output = new byte[encoded.Length];
        var written = 0;
        var i = 0;
        while (i < encoded.Length)
        {
            var next = encoded[i..].IndexOf((byte)'=');
            if (next < 0)
            {
                encoded[i..].CopyTo(output.AsSpan(written));
                written += encoded.Length - i;
                break;
            }

            encoded.Slice(i, next).CopyTo(output.AsSpan(written));
            written += next;
            i += next + 1;
            if (i + 1 < encoded.Length && IsHex(encoded[i]) && IsHex(encoded[i + 1]))
            {
                output[written++] = (byte)((HexValue(encoded[i]) << 4) | HexValue(encoded[i + 1]));
                i += 2;
                continue;
            }

            var softBreakEnd = SoftBreakEnd(encoded, i);
            if (softBreakEnd >= 0)
            {
                i = softBreakEnd;
                continue;
            }

            output[written++] = (byte)'=';
        }

        return output.AsSpan(0, written).ToArray();
    }

    /// <summary>
    /// Encodes bytes as quoted-printable with lines of at most 76 characters.
    /// </summary>
    /// <param name="data">The bytes to encode.</param>
    /// <param name="newLine">The line ending to write, "\r\n" on the wire.</param>
    /// <param name="isText">
    /// True for text: CRLF or LF in the input are line breaks and are written as
    /// <paramref name="newLine"/>. False for binary data: CR and LF are encoded as =0D and =0A.
    /// </param>
    /// <returns>The encoded text as ASCII bytes.</returns>
    public static byte[] Encode(ReadOnlySpan<byte> data, string newLine = "\r\n", bool isText = true)
    {
        ArgumentNullException.ThrowIfNull(newLine);
        var output = new List<byte>(data.Length + (data.Length / 8) + 16);
        var lineLength = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (isText && (b == (byte)'\n' || (b == (byte)'\r' && i + 1 < data.Length && data[i + 1] == (byte)'\n')))
            {
                if (b == (byte)'\r')
                {
                    i++;
                }

                AppendNewLine(output, newLine);
                lineLength = 0;
                continue;
            }

            var atLineEnd = i + 1 == data.Length
                || (isText && (data[i + 1] == (byte)'\n' || data[i + 1] == (byte)'\r'));
            var literal = IsLiteral(b, atLineEnd, lineLength, data, i);
            var width = literal ? 1 : 3;

            // Leave room for the soft break '=' (RFC 2045 §6.7 rule 5).
            if (lineLength + width > MaxLineLength - 1 && !(atLineEnd && lineLength + width <= MaxLineLength))
            {
                output.Add((byte)'=');
                AppendNewLine(output, newLine);
                lineLength = 0;
                literal = IsLiteral(b, atLineEnd, lineLength, data, i);
                width = literal ? 1 : 3;
            }

            if (literal)
            {
                output.Add(b);
            }
            else
            {
                output.Add((byte)'=');
                output.Add(HexDigits[b >> 4]);
                output.Add(HexDigits[b & 15]);
            }

            lineLength += width;
        }

        return [.. output];
    }

    private static bool IsLiteral(byte b, bool atLineEnd, int lineLength, ReadOnlySpan<byte> data, int i)
    {
        if (b == (byte)' ' || b == (byte)'\t')
        {
            // Trailing blanks would be stripped in transport (RFC 2045 §6.7 rule 3).
            return !atLineEnd;
        }

        if (b is < 33 or > 126 or (byte)'=')
        {
            return false;
        }

        // "From " and a lone "." at the start of a line are mangled by mbox writers and SMTP
        // servers; encoding the first character keeps the text intact (RFC 2049 §3 point 8).
        if (lineLength == 0 && b == (byte)'F' && data[i..].StartsWith("From "u8))
        {
            return false;
        }

        return !(lineLength == 0 && b == (byte)'.' && atLineEnd);
    }

    private static int SoftBreakEnd(ReadOnlySpan<byte> encoded, int i)
    {
        var j = i;
        while (j < encoded.Length && (encoded[j] == (byte)' ' || encoded[j] == (byte)'\t'))
        {
            j++;
        }

        if (j == encoded.Length)
        {
            // '=' ending the data: a soft break with nothing after it.
            return j;
        }

        if (encoded[j] == (byte)'\n')
        {
            return j + 1;
        }

        if (encoded[j] == (byte)'\r' && j + 1 < encoded.Length && encoded[j + 1] == (byte)'\n')
        {
            return j + 2;
        }

        return -1;
    }

    private static void AppendNewLine(List<byte> output, string newLine)
    {
        foreach (var c in newLine)
        {
            output.Add((byte)c);
        }
    }

    internal static bool IsHex(byte b) => (b is >= (byte)'0' and <= (byte)'9') || (b is >= (byte)'A' and <= (byte)'F') || (b is >= (byte)'a' and <= (byte)'f');

    internal static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
