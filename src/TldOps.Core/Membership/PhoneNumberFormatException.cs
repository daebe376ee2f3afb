namespace TldOps.Core.Membership;

/// <summary>
/// A text is not an international phone number. <see cref="Offset"/> is the character offset in
/// the text where reading failed; <see cref="Error"/> says what was wrong and the message says
/// how to write the number instead.
/// </summary>
public sealed class PhoneNumberFormatException : FormatException
{
    public PhoneNumberFormatException(PhoneNumberError error, int offset)
        : base($"Not an international phone number (at offset {offset}): {Describe(error)}")
    {
        Error = error;
        Offset = offset;
    }

    public PhoneNumberFormatException()
        : this(PhoneNumberError.Empty, 0)
    {
    }

    public PhoneNumberFormatException(string message)
        : base(message)
    {
    }

    public PhoneNumberFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PhoneNumberError Error { get; }

    public int Offset { get; }

    /// <summary>A plain-words reason, fit for an import report or a form.</summary>
    public static string Describe(PhoneNumberError error) => error switch
    {
        PhoneNumberError.Empty => "the number is empty.",
        PhoneNumberError.TooLong => "the text is too long to be a phone number.",
        PhoneNumberError.NoCountryCode =>
            "there is no country code; write the number as dialled from abroad, starting with + and the country code (e.g. +33 1 23 45 67 89).",
        PhoneNumberError.CountryCodeStartsWithZero => "a country code never starts with 0; drop the national trunk prefix after the country code.",
        PhoneNumberError.UnexpectedCharacter => "only digits, a leading + and the separators space . - / ( ) are allowed.",
        PhoneNumberError.MisplacedPlus => "a + may only start the number.",
        PhoneNumberError.Extension => "extensions are not part of an international number; give a direct number.",
        PhoneNumberError.UnbalancedParenthesis => "the parentheses do not pair up.",
        PhoneNumberError.TooFewDigits => "too few digits for an international number (country code and subscriber number).",
        PhoneNumberError.TooManyDigits => "more than 15 digits, the E.164 maximum.",
        _ => error.ToString(),
    };
}
