using TldOps.Core.Membership;

namespace TldOps.Server.Tests.Membership;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+1.613.291.1619", "+16132911619")]
    [InlineData("+33 1 23 45 67 89", "+33123456789")]
    [InlineData("0033 1 23 45 67 89", "+33123456789")]
    [InlineData("00 33 1 23 45 67 89", "+33123456789")]
    [InlineData("+33 (0)1 23 45 67 89", "+33123456789")]
    [InlineData("+1 (613) 291-1619", "+16132911619")]
    [InlineData("  +44 20 7946 0958 ", "+442079460958")]
    [InlineData("+49/30/1234567", "+49301234567")]
    [InlineData("+7\u00A0495\u00A0123-45-67", "+74951234567")]
    [InlineData("+683 1234", "+6831234")]
    [InlineData("+123456789012345", "+123456789012345")]
    public void International_numbers_are_read_into_E164(string text, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Parse(text).E164);
        Assert.True(PhoneNumber.TryParse(text, out var number, out _));
        Assert.Equal(expected, number.ToString());
    }

    [Theory]
    [InlineData("", PhoneNumberError.Empty, 0)]
    [InlineData("   ", PhoneNumberError.Empty, 0)]
    [InlineData("01 23 45 67 89", PhoneNumberError.NoCountryCode, 0)]
    [InlineData("(613) 291-1619", PhoneNumberError.NoCountryCode, 0)]
    [InlineData("011 33 1 23 45 67 89", PhoneNumberError.NoCountryCode, 0)]
    [InlineData("tel +33 1 23 45 67 89", PhoneNumberError.UnexpectedCharacter, 0)]
    [InlineData("+0 123 456 789", PhoneNumberError.CountryCodeStartsWithZero, 1)]
    [InlineData("+(0)1 23 45 67 89", PhoneNumberError.CountryCodeStartsWithZero, 2)]
    [InlineData("+33 1 23 45 67 89 ext. 12", PhoneNumberError.Extension, 18)]
    [InlineData("+33 1 23 45 67 89 x12", PhoneNumberError.Extension, 18)]
    [InlineData("+33 1 23 45 67 89#12", PhoneNumberError.Extension, 17)]
    [InlineData("+33 1 2+3 45 67 89", PhoneNumberError.MisplacedPlus, 7)]
    [InlineData("+33 (1 23 45 67 89", PhoneNumberError.UnbalancedParenthesis, 18)]
    [InlineData("+33 1) 23 45 67 89", PhoneNumberError.UnbalancedParenthesis, 5)]
    [InlineData("+33 ((1)) 23 45 67 89", PhoneNumberError.UnbalancedParenthesis, 5)]
    [InlineData("+33 abc 45 67 89", PhoneNumberError.UnexpectedCharacter, 4)]
    [InlineData("+1234", PhoneNumberError.TooFewDigits, 5)]
    [InlineData("+", PhoneNumberError.TooFewDigits, 1)]
    [InlineData("+1234567890123456", PhoneNumberError.TooManyDigits, 16)]
    public void Other_texts_are_refused_with_the_reason_and_where(string text, PhoneNumberError error, int offset)
    {
        Assert.False(PhoneNumber.TryParse(text, out var number, out var reported));
        Assert.Null(number);
        Assert.Equal(error, reported);

        var ex = Assert.Throws<PhoneNumberFormatException>(() => PhoneNumber.Parse(text));
        Assert.Equal(error, ex.Error);
        Assert.Equal(offset, ex.Offset);
        Assert.Contains($"at offset {offset}", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(ex);
    }

    [Fact]
    public void A_national_number_is_refused_with_advice_on_how_to_write_it()
    {
        var ex = Assert.Throws<PhoneNumberFormatException>(() => PhoneNumber.Parse("01 23 45 67 89"));
        Assert.Contains("country code", ex.Message, StringComparison.Ordinal);
        Assert.Contains("+33 1 23 45 67 89", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_prefix_of_a_valid_number_either_parses_or_fails_cleanly()
    {
        const string text = "+33 (0)1 23-45.67/89";
        for (var length = 0; length < text.Length; length++)
        {
            var prefix = text[..length];
            if (PhoneNumber.TryParse(prefix, out var number, out var error))
            {
                Assert.StartsWith(number.E164, "+33123456789", StringComparison.Ordinal);
            }
            else
            {
                var ex = Assert.Throws<PhoneNumberFormatException>(() => PhoneNumber.Parse(prefix));
                Assert.Equal(error, ex.Error);
                Assert.InRange(ex.Offset, 0, prefix.Length);
            }
        }
    }

    [Fact]
    public void The_input_length_limit_is_enforced()
    {
        var options = PhoneNumberOptions.Default.Clone();
        options.MaxInputLength = 12;
        Assert.Equal("+33123456789", PhoneNumber.Parse("+33123456789", options).E164);

        var ex = Assert.Throws<PhoneNumberFormatException>(() => PhoneNumber.Parse("+33 123456789", options));
        Assert.Equal(PhoneNumberError.TooLong, ex.Error);
        Assert.Equal(12, ex.Offset);

        var padded = "+33 1 23 45 67 89" + new string(' ', PhoneNumberOptions.Default.MaxInputLength);
        Assert.Equal(PhoneNumberError.TooLong, Assert.Throws<PhoneNumberFormatException>(() => PhoneNumber.Parse(padded)).Error);
    }

    [Fact]
    public void Default_options_are_frozen_and_clones_are_not()
    {
        Assert.True(PhoneNumberOptions.Default.IsFrozen);
        Assert.Throws<InvalidOperationException>(() => PhoneNumberOptions.Default.MaxInputLength = 10);
        var clone = PhoneNumberOptions.Default.Clone();
        Assert.False(clone.IsFrozen);
        Assert.Throws<ArgumentOutOfRangeException>(() => clone.MaxInputLength = 3);
    }

    [Fact]
    public void Numbers_compare_by_their_E164_form()
    {
        Assert.Equal(PhoneNumber.Parse("+1.613.291.1619"), PhoneNumber.Parse("001 613 291 1619"));
        Assert.NotEqual(PhoneNumber.Parse("+1.613.291.1619"), PhoneNumber.Parse("+1.613.291.1618"));
    }
}
