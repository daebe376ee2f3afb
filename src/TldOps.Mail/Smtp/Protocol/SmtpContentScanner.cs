namespace TldOps.Mail.Smtp.Protocol;

/// <summary>What the client must know about message bytes to choose BODY and SMTPUTF8.</summary>
internal readonly record struct SmtpContentTraits(bool HasEightBit, bool HeaderHasEightBit);

/// <summary>Scans message bytes for octets above 127 (RFC 6152 8BITMIME, RFC 6532 UTF-8 headers).</summary>
internal static class SmtpContentScanner
{
    public static SmtpContentTraits Scan(ReadOnlySpan<byte> message)
    {
        var first = message.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        if (first < 0)
        {
            return new SmtpContentTraits(false, false);
        }

        // The header section ends at the first empty line (RFC 5322 §2.1), written CRLF CRLF or,
        // in bare-LF input, LF LF.
        var headerEnd = HeaderEnd(message);
        return new SmtpContentTraits(true, first < headerEnd);
    }

    private static int HeaderEnd(ReadOnlySpan<byte> message)
    {
        var pos = 0;
        while (pos < message.Length)
        {
            var lf = message[pos..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                return message.Length;
            }

            var lineStart = pos;
            pos += lf + 1;
            var lineLength = lf;
            if (lineLength == 0 || (lineLength == 1 && message[lineStart] == (byte)'\r'))
            {
                return lineStart;
            }
        }

        return message.Length;
    }
}
