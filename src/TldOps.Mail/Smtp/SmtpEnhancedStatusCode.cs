namespace TldOps.Mail.Smtp;

/// <summary>
/// An enhanced mail system status code, <c>class.subject.detail</c> (RFC 3463), as carried at the
/// start of reply text when ENHANCEDSTATUSCODES is advertised (RFC 2034).
/// </summary>
/// <param name="Class">2 (success), 4 (persistent transient failure) or 5 (permanent failure).</param>
/// <param name="Subject">0 to 999; for example 1 = addressing, 3 = mail system, 5 = protocol.</param>
/// <param name="Detail">0 to 999, refining the subject.</param>
public readonly record struct SmtpEnhancedStatusCode(int Class, int Subject, int Detail)
{
    /// <summary>Parses "c.s.d" exactly; returns false for anything else.</summary>
    public static bool TryParse(string? text, out SmtpEnhancedStatusCode code)
    {
        code = default;
        return text is not null && TryParsePrefix(text, out code, out var consumed) && consumed == text.Length;
    }

    /// <summary>Parses "c.s.d" or throws <see cref="FormatException"/>.</summary>
    /// <exception cref="FormatException">The text is not an RFC 3463 status code.</exception>
    public static SmtpEnhancedStatusCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an enhanced status code (RFC 3463) at offset 0");

    /// <summary>
    /// Parses a status code at the start of reply text (RFC 2034 §4: the code is followed by a
    /// space or ends the line); <paramref name="consumed"/> counts the characters of the code.
    /// </summary>
    internal static bool TryParsePrefix(ReadOnlySpan<char> text, out SmtpEnhancedStatusCode code, out int consumed)
    {
        code = default;
        consumed = 0;
        if (text.Length < 5 || text[0] is not ('2' or '4' or '5') || text[1] != '.')
        {
            return false;
        }

        var pos = 2;
        if (!TryNumber(text, ref pos, out var subject) || pos >= text.Length || text[pos] != '.')
        {
            return false;
        }

        pos++;
        if (!TryNumber(text, ref pos, out var detail) || (pos < text.Length && text[pos] != ' '))
        {
            return false;
        }

        code = new SmtpEnhancedStatusCode(text[0] - '0', subject, detail);
        consumed = pos;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Class}.{Subject}.{Detail}";

    // RFC 3463 §2: subject and detail are 1*3digit.
    private static bool TryNumber(ReadOnlySpan<char> text, ref int pos, out int value)
    {
        value = 0;
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]) && pos - start < 3)
        {
            value = (value * 10) + (text[pos] - '0');
            pos++;
        }

        return pos > start && (pos >= text.Length || !char.IsAsciiDigit(text[pos]));
    }
}
