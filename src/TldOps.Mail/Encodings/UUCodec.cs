namespace TldOps.Mail.Encodings;

/// <summary>
/// Decodes uuencoded data (the non-standard <c>x-uuencode</c> transfer encoding that old
/// clients still send), leniently.
/// </summary>
public static class UUCodec
{
    /// <summary>
    /// Decodes from the first <c>begin MODE NAME</c> line to the <c>end</c> line. Never throws:
    /// without a begin line the input is returned unchanged (the data was not uuencoded);
    /// a truncated body yields what was decoded; over-long lines are cut at their declared length.
    /// </summary>
    /// <param name="encoded">The encoded bytes.</param>
    /// <returns>The decoded bytes.</returns>
    public static byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var position = FindBegin(encoded);
        if (position < 0)
        {
            return encoded.ToArray();
        }

        var output = new List<byte>(encoded.Length * 3 / 4);
        while (position < encoded.Length)
        {
            var lineEnd = encoded[position..].IndexOf((byte)'\n');
            var line = lineEnd < 0 ? encoded[position..] : encoded.Slice(position, lineEnd);
            position = lineEnd < 0 ? encoded.Length : position + lineEnd + 1;
            line = line.TrimEnd("\r"u8);
            if (line.IsEmpty || line.Trim(" \t\f"u8).SequenceEqual("end"u8))
            {
                break;
            }

            DecodeLine(line, output);
        }

        return [.. output];
    }

    private static int FindBegin(ReadOnlySpan<byte> encoded)
    {
        var position = 0;
        while (position < encoded.Length)
        {
            var lineEnd = encoded[position..].IndexOf((byte)'\n');
            var line = lineEnd < 0 ? encoded[position..] : encoded.Slice(position, lineEnd);
            var next = lineEnd < 0 ? encoded.Length : position + lineEnd + 1;
            if (line.StartsWith("begin "u8))
            {
                var mode = line[6..];
                var space = mode.IndexOf((byte)' ');
                mode = space < 0 ? mode.TrimEnd("\r"u8) : mode[..space];
                if (!mode.IsEmpty && !mode.ContainsAnyExceptInRange((byte)'0', (byte)'7'))
                {
                    return next;
                }
            }

            position = next;
        }

        return -1;
    }

    private static void DecodeLine(ReadOnlySpan<byte> line, List<byte> output)
    {
        // The first character carries the byte count; then every 4 characters carry 3 bytes,
        // each character being (value + 32), with '`' standing for 0.
        var count = (line[0] - 32) & 63;
        var bits = 0;
        var bitCount = 0;
        var produced = 0;
        for (var i = 1; i < line.Length && produced < count; i++)
        {
            bits = ((bits << 6) | ((line[i] - 32) & 63)) & 0xFFFF;
            bitCount += 6;
            if (bitCount >= 8)
            {
                bitCount -= 8;
                output.Add((byte)(bits >> bitCount));
                produced++;
            }
        }
    }
}
