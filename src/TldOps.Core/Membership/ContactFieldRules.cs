using TldOps.Core.Common;

namespace TldOps.Core.Membership;

/// <summary>
/// The rules for a person's contact fields (name and role, phone numbers, mail language), in one
/// place for the forms that take them: the join form (<see cref="Joining.JoinContactValidator"/>),
/// the corrections made while confirming (<see cref="Reverification.ReverificationService"/>) and
/// the committee's person and profile forms (<see cref="Accounts.PersonFormValidator"/>,
/// <see cref="Accounts.ProfileService"/>). Those forms do not ask the same of every field (which
/// checks a name gets, whether a tag such as "fr-CA" is read, what an empty field means, how a
/// reason is worded): each picks its rules here by name and keeps its own defaults.
/// </summary>
public static class ContactFieldRules
{
    /// <summary>
    /// The longest name or role, in characters, after trimming: 200. Also the default of
    /// <see cref="MemberImportOptions.MaxNameLength"/> for imports.
    /// </summary>
    public const int MaxTextLength = 200;

    /// <summary>The languages a language field accepts, as a reason lists them: "en, fr, es, ru, zh, ar".</summary>
    private static readonly string LanguageList = string.Join(", ", Language.All);

    /// <summary>The reason given by the person and profile forms for a language they do not accept: "one of en, fr, es, ru, zh, ar".</summary>
    public static string LanguageChoiceReason { get; } = "one of " + LanguageList;

    /// <summary>True when the (trimmed) <paramref name="text"/> is longer than <see cref="MaxTextLength"/>.</summary>
    public static bool IsTooLong(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > MaxTextLength;
    }

    /// <summary>True when <paramref name="text"/> holds a control character (a line break, a tab, NUL): a name stands on one line.</summary>
    public static bool HasControlCharacter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Any(char.IsControl);
    }

    /// <summary>True when <paramref name="text"/> holds an @: an address typed where a name belongs.</summary>
    public static bool HasAtSign(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('@', StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads an optional phone number: true with a null <paramref name="number"/> when
    /// <paramref name="typed"/> is null, empty or white space; true with the number when it is an
    /// international number (<see cref="PhoneNumber.TryParse(string?, out PhoneNumber?, out PhoneNumberError, PhoneNumberOptions?)"/>
    /// with the default options); false with the <paramref name="error"/> otherwise.
    /// </summary>
    public static bool TryReadPhone(string? typed, out PhoneNumber? number, out PhoneNumberError error)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            number = null;
            error = default;
            return true;
        }

        var read = PhoneNumber.TryParse(typed, out var parsed, out error);
        number = parsed;
        return read;
    }

    /// <summary>
    /// An optional phone number (see <see cref="TryReadPhone"/>): null when empty; when it is not an
    /// international number, null and a <see cref="FieldError"/> for <paramref name="field"/> whose
    /// reason is <paramref name="describe"/> of the error.
    /// </summary>
    public static PhoneNumber? Phone(string? typed, string field, List<FieldError> errors, Func<PhoneNumberError, string> describe)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(describe);
        if (TryReadPhone(typed, out var number, out var error))
        {
            return number;
        }

        errors.Add(new FieldError(field, describe(error)));
        return null;
    }

    /// <summary>
    /// The language of a tag, as the join form and re-verification read it: "fr", " FR ", "fr-CA"
    /// and "fr_CA" are all French (<see cref="Language.Match"/>); null when empty or not one of
    /// <see cref="Language.All"/>.
    /// </summary>
    public static string? LanguageOfTag(string? typed) => Language.Match(typed);

    /// <summary>
    /// The language of a bare two-letter code, as the person and profile forms read it: "fr" or
    /// " FR " is French; a tag such as "fr-CA", an unknown code, or an empty text is null.
    /// </summary>
    public static string? LanguageOfCode(string? typed) =>
        typed is not null && typed.Trim().Length == 2 ? Language.Match(typed) : null;

    /// <summary>The reason given by the join form and re-verification for a language they do not accept: "'xx' is not one of en, fr, es, ru, zh, ar.", quoting <paramref name="typed"/> as it came.</summary>
    public static string UnknownLanguageReason(string? typed) => $"'{typed}' is not one of {LanguageList}.";
}
