using TldOps.Core.Common;
using TldOps.Core.Membership;

namespace TldOps.Core.Tests.Membership;

public sealed class ContactFieldRulesTests
{
    [Fact]
    public void A_name_of_200_characters_fits_and_one_of_201_is_too_long()
    {
        Assert.Equal(200, ContactFieldRules.MaxTextLength);
        Assert.False(ContactFieldRules.IsTooLong(""));
        Assert.False(ContactFieldRules.IsTooLong(new string('n', 200)));
        Assert.True(ContactFieldRules.IsTooLong(new string('n', 201)));
    }

    [Theory]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u0085b")] // NEL: a C1 control character
    public void A_name_with_a_control_character_is_not_on_one_line(string text)
    {
        Assert.True(ContactFieldRules.HasControlCharacter(text));
    }

    [Theory]
    [InlineData("Zoë Ünal")]
    [InlineData("Иван Петров")]
    [InlineData("محمد")]
    [InlineData("a\u00A0b")] // a no-break space is not a control character
    public void A_name_in_any_script_is_on_one_line(string text)
    {
        Assert.False(ContactFieldRules.HasControlCharacter(text));
        Assert.False(ContactFieldRules.HasAtSign(text));
    }

    [Fact]
    public void An_address_typed_as_a_name_has_an_at_sign()
    {
        Assert.True(ContactFieldRules.HasAtSign("ana@example.org"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    public void An_empty_phone_number_is_read_as_none(string? typed)
    {
        Assert.True(ContactFieldRules.TryReadPhone(typed, out var number, out _));
        Assert.Null(number);
    }

    [Theory]
    [InlineData("+33 1 23 45 67 89", "+33123456789")]
    [InlineData("0033 1 23 45 67 89", "+33123456789")]
    [InlineData("+33 (0)1 23 45 67 89", "+33123456789")]
    [InlineData(" +1.613.291.1619 ", "+16132911619")]
    [InlineData("+683 1234", "+6831234")] // 7 digits, the shortest (Niue)
    [InlineData("+123 456 789 012 345", "+123456789012345")] // 15 digits, the E.164 maximum
    public void An_international_number_is_read_in_E164(string typed, string e164)
    {
        Assert.True(ContactFieldRules.TryReadPhone(typed, out var number, out _));
        Assert.Equal(e164, number?.E164);
    }

    [Theory]
    [InlineData("+683 123", PhoneNumberError.TooFewDigits)] // 6 digits
    [InlineData("+123 456 789 012 3456", PhoneNumberError.TooManyDigits)] // 16 digits
    [InlineData("01 23 45 67 89", PhoneNumberError.NoCountryCode)]
    [InlineData("+0 123 4567", PhoneNumberError.CountryCodeStartsWithZero)]
    [InlineData("+33 1 23 45 67 89 x12", PhoneNumberError.Extension)]
    [InlineData("+33 1 23+45", PhoneNumberError.MisplacedPlus)]
    [InlineData("call me", PhoneNumberError.UnexpectedCharacter)]
    public void A_number_that_is_not_international_is_refused_with_its_reason(string typed, PhoneNumberError expected)
    {
        Assert.False(ContactFieldRules.TryReadPhone(typed, out var number, out var error));
        Assert.Null(number);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_bad_phone_number_is_a_field_error_worded_by_the_caller()
    {
        var errors = new List<FieldError>();

        Assert.Null(ContactFieldRules.Phone("01 23 45 67 89", "mobilePhone", errors, e => "bad: " + e));
        Assert.Equal("+33123456789", ContactFieldRules.Phone("+33 1 23 45 67 89", "officePhone", errors, e => "bad: " + e)?.E164);
        Assert.Null(ContactFieldRules.Phone(" ", "officePhone", errors, e => "bad: " + e));

        var error = Assert.Single(errors);
        Assert.Equal(new FieldError("mobilePhone", "bad: NoCountryCode"), error);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("es")]
    [InlineData("fr")]
    [InlineData("ru")]
    [InlineData("zh")]
    public void Each_UN_language_is_accepted_as_a_code_and_as_a_tag(string code)
    {
        Assert.Equal(code, ContactFieldRules.LanguageOfCode(code));
        Assert.Equal(code, ContactFieldRules.LanguageOfCode(" " + code.ToUpperInvariant() + " "));
        Assert.Equal(code, ContactFieldRules.LanguageOfTag(code));
        Assert.Equal(code, ContactFieldRules.LanguageOfTag(code.ToUpperInvariant() + "-XY"));
    }

    [Theory]
    [InlineData("fr-CA", "fr")]
    [InlineData("zh_Hans", "zh")]
    [InlineData("zh-Hans-CN", "zh")]
    [InlineData("en-", "en")]
    public void A_tag_is_read_by_its_language_but_is_not_a_code(string typed, string language)
    {
        Assert.Equal(language, ContactFieldRules.LanguageOfTag(typed));
        Assert.Null(ContactFieldRules.LanguageOfCode(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("xx")]
    [InlineData("de")]
    [InlineData("e")]
    [InlineData("english")]
    [InlineData("-en")]
    public void An_unknown_or_empty_language_is_neither_a_code_nor_a_tag(string? typed)
    {
        Assert.Null(ContactFieldRules.LanguageOfCode(typed));
        Assert.Null(ContactFieldRules.LanguageOfTag(typed));
    }

    [Fact]
    public void The_language_reasons_list_the_six_languages()
    {
        Assert.Equal("one of en, fr, es, ru, zh, ar", ContactFieldRules.LanguageChoiceReason);
        Assert.Equal("'xx' is not one of en, fr, es, ru, zh, ar.", ContactFieldRules.UnknownLanguageReason("xx"));
        Assert.Equal("' ' is not one of en, fr, es, ru, zh, ar.", ContactFieldRules.UnknownLanguageReason(" "));
    }
}
