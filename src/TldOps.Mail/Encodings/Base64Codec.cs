namespace TldOps.Mail.Encodings;

/// <summary>The base64 content transfer encoding (RFC 2045 §6.8), lenient when decoding.</summary>
public static class Base64Codec
{
    /// <summary>The longest encoded line RFC 2045 §6.8 allows (76 characters).</summary>
    public const int MaxLineLength = 76;

    private static ReadOnlySpan<byte> Alphabet => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8;

    /// <summary>
    /// Decodes base64 text. Never throws: characters outside the alphabet (line breaks,
    /// blanks, garbage) are skipped; padding ('=' after two or three characters of a quantum)
    /// ends the data, and what follows it is ignored, as Python's email package and Dovecot
    /// do; a final incomplete quantum yields the bytes it fully covers.
    /// </summary>
    /// <param name="encoded">The encoded bytes.</param>
    /// <returns>The decoded bytes.</returns>
    public static byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var output = new byte[(encoded.Length / 4 * 3) + 3];
        var written = 0;
        var quantum = 0;
        var count = 0;
        foreach (var b in encoded)
        {
            var value = ValueOf(b);
            if (value >= 0)
            {
                quantum = (quantum << 6) | value;
                count++;
                if (count == 4)
                {
                    output[written++] = (byte)(quantum >> 16);
                    output[written++] = (byte)(quantum >> 8);
                    output[written++] = (byte)quantum;
                    quantum = 0;
                    count = 0;
                }
            }
            else if (b == (byte)'=' && count >= 2)
            {
                // RFC 4648 §3.5: padding marks the end of the encoded data.
                return output.AsSpan(0, Flush(output, written, quantum, count)).ToArray();
            }
        }

        written = Flush(output, written, quantum, count);
        return output.AsSpan(0, written).ToArray();
    }

    /// <summary>
    /// Encodes bytes as base64 in lines of at most <paramref name="lineLength"/> characters,
    /// each ended by <paramref name="newLine"/> (the last line too, unless the input is empty).
    /// </summary>
    /// <param name="data">The bytes to encode.</param>
    /// <param name="newLine">The line ending, "\r\n" on the wire.</param>
    /// <param name="lineLength">Characters per line, a multiple of 4 up to 76 (default 76).</param>
    /// <returns>The encoded text as ASCII bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The line length is not a positive multiple of 4 up to 76.</exception>
    public static byte[] Encode(ReadOnlySpan<byte> data, string newLine = "\r\n", int lineLength = MaxLineLength)
    {
        if (lineLength is <= 0 or > MaxLineLength || lineLength % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lineLength), lineLength, "Must be a positive multiple of 4 up to 76.");
        }

        ArgumentNullException.ThrowIfNull(newLine);
        if (data.IsEmpty)
        {
            return [];
        }

        var encodedLength = (data.Length + 2) / 3 * 4;
        var lines = (encodedLength + lineLength - 1) / lineLength;
        var output = new byte[encodedLength + (lines * newLine.Length)];
        var bytesPerLine = lineLength / 4 * 3;
        var position = 0;
        for (var offset = 0; offset < data.Length; offset += bytesPerLine)
        {
            var chunk = data.Slice(offset, Math.Min(bytesPerLine, data.Length - offset));
            System.Buffers.Text.Base64.EncodeToUtf8(chunk, output.AsSpan(position), out _, out var chunkWritten);
            position += chunkWritten;
            foreach (var c in newLine)
            {
                output[position++] = (byte)c;
            }
        }

        return output;
    }

    /// <summary>The value of a base64 alphabet byte, or -1.</summary>
    internal static int ValueOf(byte b) => b switch
    {
        >= (byte)'A' and <= (byte)'Z' => b - 'A',
        >= (byte)'a' and <= (byte)'z' => b - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => b - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        _ => -1,
    };

    /// <summary>The base64 character for a 6-bit value.</summary>
    internal static byte CharOf(int value) => Alphabet[value & 63];

    private static int Flush(byte[] output, int written, int quantum, int count)
    {
        // Two characters carry one byte, three carry two; a single character carries none.
        switch (count)
        {
            case 2:
                output[written++] = (byte)(quantum >> 4);
                break;
            case 3:
                output[written++] = (byte)(quantum >> 10);
                output[written++] = (byte)(quantum >> 2);
                break;
        }

        return written;
    }
}
