using System.Text;

namespace TldOps.Mail.Encodings;

/// <summary>
/// Decodes UTF-7 (RFC 2152), which old Outlook Express messages declare. .NET no longer ships
/// it as an <see cref="Encoding"/> (disabled since .NET 5), so it is done here, leniently.
/// </summary>
internal static class Utf7Decoder
{
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b != (byte)'+')
            {
                text.Append(b < 0x80 ? (char)b : '\uFFFD');
                i++;
                continue;
            }

            i++;
            if (i < bytes.Length && bytes[i] == (byte)'-')
            {
                // "+-" is a literal plus sign (RFC 2152 rule 2).
                text.Append('+');
                i++;
                continue;
            }

            i = DecodeShifted(bytes, i, text);
        }

        return TextSanitizer.ReplaceLoneSurrogates(text.ToString());
    }

    private static int DecodeShifted(ReadOnlySpan<byte> bytes, int i, StringBuilder text)
    {
        // Modified base64 of UTF-16BE code units, ended by any non-base64 byte; a '-' that ends
        // it is absorbed.
        var bits = 0;
        var bitCount = 0;
        while (i < bytes.Length)
        {
            var value = Base64Codec.ValueOf(bytes[i]);
            if (value < 0)
            {
                break;
            }

            bits = (bits << 6) | value;
            bitCount += 6;
            if (bitCount >= 16)
            {
                bitCount -= 16;
                text.Append((char)((bits >> bitCount) & 0xFFFF));
            }

            i++;
        }

        if (i < bytes.Length && bytes[i] == (byte)'-')
        {
            i++;
        }

        return i;
    }
}
