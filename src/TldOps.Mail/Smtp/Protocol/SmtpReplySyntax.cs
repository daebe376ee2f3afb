using System.Text;

namespace TldOps.Mail.Smtp.Protocol;

/// <summary>Reply lines: Reply-code [ SP / "-" ] [ text ] (RFC 5321 §4.2).</summary>
internal static class SmtpReplySyntax
{
    /// <summary>Reads one line; false when it is not a reply line.</summary>
    public static bool TryParseLine(ReadOnlySpan<byte> line, out int code, out bool isLast, out string text)
    {
        code = 0;
        isLast = false;
        text = string.Empty;
        if (line.Length < 3 || line[0] is < (byte)'2' or > (byte)'5' || !IsDigit(line[1]) || !IsDigit(line[2]))
        {
            return false;
        }

        code = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
        if (line.Length == 3)
        {
            isLast = true;
            return true;
        }

        if (line[3] is not ((byte)' ' or (byte)'-'))
        {
            return false;
        }

        isLast = line[3] == (byte)' ';

        // RFC 6531 §3.7.4.1 lets servers reply in UTF-8; anything else is shown replaced, not rejected.
        text = Encoding.UTF8.GetString(line[4..]);
        return true;
    }

    /// <summary>Builds a reply, taking an RFC 3463 status off the front of each line when the first has one.</summary>
    public static SmtpReply Build(int code, List<string> lines)
    {
        if (lines.Count > 0
            && SmtpEnhancedStatusCode.TryParsePrefix(lines[0], out var status, out _)
            && status.Class == code / 100)
        {
            var prefix = status.ToString();
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line.StartsWith(prefix, StringComparison.Ordinal) && (line.Length == prefix.Length || line[prefix.Length] == ' '))
                {
                    lines[i] = line.Length == prefix.Length ? string.Empty : line[(prefix.Length + 1)..];
                }
            }

            return new SmtpReply(code, status, lines);
        }

        return new SmtpReply(code, null, lines);
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
