using System.Collections.Immutable;
using System.Globalization;

namespace TldOps.Mail.Mime;

/// <summary>
/// RFC 5322 §3.3 date-time: reading (lenient, with the obsolete forms of §4.3) and writing.
/// </summary>
public static class MailDate
{
    private static readonly ImmutableArray<string> Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>
    /// Reads a date such as <c>Tue, 1 Jul 2003 10:52:37 +0200</c>. Accepts comments and folding,
    /// a missing weekday or seconds, two- and three-digit years (RFC 5322 §4.3: below 50 means
    /// 20xx), month names in any case, named zones (UT, GMT, EST…; unknown ones and military
    /// letters mean an unknown zone, taken as +0000), and the text after the last ';' of a
    /// Received field.
    /// </summary>
    /// <param name="text">The field value.</param>
    /// <param name="value">The date.</param>
    /// <returns>Whether a date was read.</returns>
    public static bool TryParse(string? text, out DateTimeOffset value) => Core(text, out value) < 0;

    /// <summary>Reads a date (see <see cref="TryParse"/>).</summary>
    /// <param name="text">The field value.</param>
    /// <returns>The date.</returns>
    /// <exception cref="MimeFormatException">The text is not a date; the offset points at the token that failed.</exception>
    public static DateTimeOffset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var failedAt = Core(text, out var value);
        return failedAt < 0 ? value : throw new MimeFormatException("Not an RFC 5322 date", failedAt);
    }

    /// <summary>Writes a date as RFC 5322 §3.3 says, e.g. <c>Tue, 01 Jul 2003 10:52:37 +0200</c>.</summary>
    /// <param name="value">The date.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return value.ToString("ddd, dd MMM yyyy HH':'mm':'ss ", CultureInfo.InvariantCulture)
            + string.Create(CultureInfo.InvariantCulture, $"{sign}{offset.Hours:00}{offset.Minutes:00}");
    }

    /// <summary>Returns -1 on success, else the offset of the failing token.</summary>
    private static int Core(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        var start = text.LastIndexOf(';') + 1;
        var tokens = Tokenise(text, start);
        var index = 0;
        if (index < tokens.Count && char.IsLetter(tokens[index].Text[0]))
        {
            // The day of the week says nothing the date does not.
            index++;
        }

        if (!TryNumber(tokens, ref index, 1, 2, out var day)
            || !TryMonth(tokens, ref index, out var month)
            || !TryNumber(tokens, ref index, 2, 4, out var year))
        {
            return FailAt(tokens, index, text.Length);
        }

        year = year < 50 && tokens[index - 1].Text.Length <= 2 ? year + 2000 : year < 1000 ? year + 1900 : year;
        if (index >= tokens.Count || !TryTime(tokens[index].Text, out var time))
        {
            return FailAt(tokens, index, text.Length);
        }

        index++;
        var zone = index < tokens.Count ? Zone(tokens[index].Text) : TimeSpan.Zero;
        if (day is < 1 or > 31 || year > 9999 || zone.Duration() > TimeSpan.FromHours(14)
            || day > DateTime.DaysInMonth(year, month))
        {
            return tokens[0].Offset;
        }

        value = new DateTimeOffset(year, month, day, 0, 0, 0, zone).Add(time);
        return -1;
    }

    private static List<(string Text, int Offset)> Tokenise(string text, int start)
    {
        var tokens = new List<(string, int)>();
        var i = start;
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && !char.IsWhiteSpace(c) && c != ',')
            {
                var tokenStart = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (',' or '('))
                {
                    i++;
                }

                tokens.Add((text[tokenStart..i], tokenStart));
                continue;
            }

            i++;
        }

        return tokens;
    }

    private static bool TryNumber(List<(string Text, int Offset)> tokens, ref int index, int minDigits, int maxDigits, out int number)
    {
        number = 0;
        if (index >= tokens.Count)
        {
            return false;
        }

        var token = tokens[index].Text;
        if (token.Length < minDigits || token.Length > maxDigits || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        index++;
        return true;
    }

    private static bool TryMonth(List<(string Text, int Offset)> tokens, ref int index, out int month)
    {
        month = 0;
        if (index >= tokens.Count || tokens[index].Text.Length < 3)
        {
            return false;
        }

        var position = Months.IndexOf(tokens[index].Text[..3].ToLowerInvariant());
        if (position < 0)
        {
            return false;
        }

        month = position + 1;
        index++;
        return true;
    }

    private static bool TryTime(string token, out TimeSpan time)
    {
        time = default;
        var parts = token.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length is < 1 or > 2 || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        // A leap second (60) is read as 59 (RFC 5322 §3.3 allows 60).
        if (numbers[0] > 23 || numbers[1] > 59 || numbers[2] > 60)
        {
            return false;
        }

        time = new TimeSpan(numbers[0], numbers[1], Math.Min(numbers[2], 59));
        return true;
    }

    private static TimeSpan Zone(string token)
    {
        if (token.Length == 5 && token[0] is '+' or '-'
            && int.TryParse(token.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(token.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && minutes < 60)
        {
            var zone = new TimeSpan(hours, minutes, 0);
            return token[0] == '-' ? -zone : zone;
        }

        // RFC 5322 §4.3 obsolete zone names; anything else (military letters included) is unknown.
        return token.ToUpperInvariant() switch
        {
            "EDT" => TimeSpan.FromHours(-4),
            "EST" or "CDT" or "EST5EDT" => TimeSpan.FromHours(-5),
            "CST" or "MDT" or "CST6CDT" => TimeSpan.FromHours(-6),
            "MST" or "PDT" or "MST7MDT" => TimeSpan.FromHours(-7),
            "PST" or "PST8PDT" => TimeSpan.FromHours(-8),
            _ => TimeSpan.Zero,
        };
    }

    private static int FailAt(List<(string Text, int Offset)> tokens, int index, int end) =>
        index < tokens.Count ? tokens[index].Offset : end;
}
