using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace TldOps.Core.Membership;

/// <summary>
/// An international phone number in E.164 form ("+16132911619"). Members must be reachable by
/// phone from anywhere, in an emergency, without the Internet, so a number is stored only when it
/// carries its country code: "+1.613.291.1619", "+33 1 23 45 67 89", "+33 (0)1 23 45 67 89" and
/// "0033 1 23 45 67 89" are accepted; a national number such as "01 23 45 67 89" is refused with
/// a reason that says how to write it.
/// </summary>
public sealed record PhoneNumber
{
    /// <summary>ITU-T E.164 §6: at most 15 digits, country code included.</summary>
    public const int MaxDigits = 15;

    /// <summary>
    /// The shortest international numbers in service have 7 digits: a 3-digit country code and a
    /// 4-digit subscriber number (Niue +683, Tokelau +690). Fewer digits means a missing part.
    /// </summary>
    public const int MinDigits = 7;

    private PhoneNumber(string e164) => E164 = e164;

    /// <summary>The number as "+" and digits only, e.g. "+33123456789".</summary>
    public string E164 { get; }

    /// <summary>Reads a number written for people.</summary>
    /// <exception cref="PhoneNumberFormatException">The text is not an international number; the message says why and where.</exception>
    public static PhoneNumber Parse(string? text, PhoneNumberOptions? options = null)
    {
        return ParseCore(text, options ?? PhoneNumberOptions.Default, out var error, out var offset)
            ?? throw new PhoneNumberFormatException(error, offset);
    }

    /// <summary>Reads a number written for people; false (with the reason) when it is not an international number.</summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out PhoneNumber? number,
        out PhoneNumberError error,
        PhoneNumberOptions? options = null)
    {
        number = ParseCore(text, options ?? PhoneNumberOptions.Default, out error, out _);
        return number is not null;
    }

    /// <inheritdoc cref="TryParse(string?, out PhoneNumber?, out PhoneNumberError, PhoneNumberOptions?)"/>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PhoneNumber? number) =>
        TryParse(text, out number, out _);

    public override string ToString() => E164;

    private static PhoneNumber? ParseCore(string? text, PhoneNumberOptions options, out PhoneNumberError error, out int offset)
    {
        error = default;
        offset = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(PhoneNumberError.Empty, 0, out error, out offset);
        }

        if (text.Length > options.MaxInputLength)
        {
            return Fail(PhoneNumberError.TooLong, options.MaxInputLength, out error, out offset);
        }

        var i = 0;
        while (char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (text[i] == '+')
        {
            i++;
        }
        else if (text.AsSpan(i).StartsWith("00", StringComparison.Ordinal))
        {
            // "00" is the international prefix in most of the world (ITU-T E.164 Annex, and the
            // recommended prefix of ITU-T E.164 Supplement 2); "011" (North America) is not read.
            i += 2;
        }
        else
        {
            var kind = char.IsAsciiDigit(text[i]) || text[i] == '(' ? PhoneNumberError.NoCountryCode : PhoneNumberError.UnexpectedCharacter;
            return Fail(kind, i, out error, out offset);
        }

        var digits = new StringBuilder(MaxDigits + 1).Append('+');
        var failure = ReadDigits(text, i, digits, out offset);
        if (failure is { } found)
        {
            error = found;
            return null;
        }

        return digits.Length - 1 < MinDigits
            ? Fail(PhoneNumberError.TooFewDigits, text.TrimEnd().Length, out error, out offset)
            : new PhoneNumber(digits.ToString());
    }

    private static PhoneNumberError? ReadDigits(string text, int start, StringBuilder digits, out int offset)
    {
        var depth = 0;
        for (var j = start; j < text.Length; j++)
        {
            offset = j;
            var c = text[j];
            if (char.IsAsciiDigit(c))
            {
                if (digits.Length == 1 && c == '0')
                {
                    return PhoneNumberError.CountryCodeStartsWithZero;
                }

                if (digits.Length - 1 == MaxDigits)
                {
                    return PhoneNumberError.TooManyDigits;
                }

                digits.Append(c);
            }
            else if (c == '(' && digits.Length > 1 && text.AsSpan(j).StartsWith("(0)", StringComparison.Ordinal))
            {
                // "+33 (0)1 …": the national trunk prefix, shown for callers inside the country
                // and never dialled from abroad.
                j += 2;
            }
            else if (c == '(')
            {
                if (++depth > 1)
                {
                    return PhoneNumberError.UnbalancedParenthesis;
                }
            }
            else if (c == ')')
            {
                if (--depth < 0)
                {
                    return PhoneNumberError.UnbalancedParenthesis;
                }
            }
            else if (!IsSeparator(c))
            {
                return c switch
                {
                    '+' => PhoneNumberError.MisplacedPlus,
                    'x' or 'X' or '#' or ',' or ';' => PhoneNumberError.Extension,
                    _ when text.AsSpan(j).StartsWith("ext", StringComparison.OrdinalIgnoreCase) => PhoneNumberError.Extension,
                    _ => PhoneNumberError.UnexpectedCharacter,
                };
            }
        }

        offset = text.Length;
        return depth != 0 ? PhoneNumberError.UnbalancedParenthesis : null;
    }

    // Separators people use between groups: space, no-break and thin spaces, dot, hyphen, slash.
    private static bool IsSeparator(char c) => c is ' ' or '\t' or '.' or '-' or '/' or '\u00A0' or '\u2009' or '\u202F';

    private static PhoneNumber? Fail(PhoneNumberError kind, int at, out PhoneNumberError error, out int offset)
    {
        error = kind;
        offset = at;
        return null;
    }
}
