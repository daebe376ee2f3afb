namespace TldOps.Core.Membership;

/// <summary>Why a text is not an international (E.164) phone number.</summary>
public enum PhoneNumberError
{
    /// <summary>Nothing but white space.</summary>
    Empty,

    /// <summary>Longer than <see cref="PhoneNumberOptions.MaxInputLength"/>.</summary>
    TooLong,

    /// <summary>Starts with a digit other than the "00" international prefix: a national number.</summary>
    NoCountryCode,

    /// <summary>A country code never starts with 0 (ITU-T E.164 §6.2.1).</summary>
    CountryCodeStartsWithZero,

    /// <summary>A letter or symbol that has no place in a phone number.</summary>
    UnexpectedCharacter,

    /// <summary>A "+" that is not the first character.</summary>
    MisplacedPlus,

    /// <summary>An extension ("ext. 12", "x12"): E.164 numbers have none.</summary>
    Extension,

    /// <summary>Parentheses that do not pair up.</summary>
    UnbalancedParenthesis,

    /// <summary>Fewer digits than the shortest international number.</summary>
    TooFewDigits,

    /// <summary>More than 15 digits (ITU-T E.164 §6).</summary>
    TooManyDigits,
}
