using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Protocol;

namespace TldOps.Mail.Tests.Smtp;

public sealed class SmtpAddressTests
{
    [Theory]
    [InlineData("user@example.org", "user", "example.org")]
    [InlineData("first.last+tag@sub.example.org", "first.last+tag", "sub.example.org")]
    [InlineData("!#$%&'*+-/=?^_`{|}~@x.example", "!#$%&'*+-/=?^_`{|}~", "x.example")]
    [InlineData("\"quoted string\"@example.org", "\"quoted string\"", "example.org")]
    [InlineData("\"with \\\"escape\\\\\"@example.org", "\"with \\\"escape\\\\\"", "example.org")]
    [InlineData("user@[192.0.2.1]", "user", "[192.0.2.1]")]
    [InlineData("user@[IPv6:2001:db8::1]", "user", "[IPv6:2001:db8::1]")]
    [InlineData("user@[x-tag:opaque]", "user", "[x-tag:opaque]")]
    [InlineData("jörg@bücher.example", "jörg", "bücher.example")]
    [InlineData("δοκιμή@παράδειγμα.δοκιμή", "δοκιμή", "παράδειγμα.δοκιμή")]
    [InlineData("a@b", "a", "b")]
    [InlineData("x@1.2.3.example", "x", "1.2.3.example")]
    public void Valid_mailboxes_parse(string text, string local, string domain)
    {
        var address = SmtpAddress.Parse(text);
        Assert.Equal(local, address.LocalPart);
        Assert.Equal(domain, address.Domain);
        Assert.Equal(text, address.Address);
        Assert.Equal($"<{text}>", address.ToPath());
        Assert.Equal(!Ascii.IsValid(text), address.RequiresSmtpUtf8);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("@example.org", 0)]
    [InlineData("user", 4)]
    [InlineData("user@", 5)]
    [InlineData(".user@example.org", 0)]
    [InlineData("user.@example.org", 4)]
    [InlineData("us..er@example.org", 3)]
    [InlineData("user@@example.org", 5)]
    [InlineData("user@-example.org", 5)]
    [InlineData("user@example-.org", 5)]
    [InlineData("user@example..org", 13)]
    [InlineData("user@example.org.", 17)]
    [InlineData("user name@example.org", 4)]
    [InlineData("\"unterminated@example.org", 25)]
    [InlineData("user@[192.0.2.256]", 6)]
    [InlineData("user@[192.0.2]", 6)]
    [InlineData("user@[IPv6:not-an-address]", 11)]
    [InlineData("user@[]", 6)]
    [InlineData("user@example.org extra", 16)]
    public void Invalid_mailboxes_throw_with_the_offset(string text, int offset)
    {
        var error = Assert.Throws<SmtpAddressFormatException>(() => SmtpAddress.Parse(text));
        Assert.Equal(offset, error.Offset);
        Assert.Contains($"at offset {offset}", error.Message, StringComparison.Ordinal);
        Assert.False(SmtpAddress.TryParse(text, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Labels_over_63_octets_are_refused()
    {
        Assert.True(SmtpAddress.TryParse($"u@{new string('a', 63)}.example", out _));
        Assert.False(SmtpAddress.TryParse($"u@{new string('a', 64)}.example", out _));
    }

    [Fact]
    public void The_limits_come_from_the_options()
    {
        var local64 = new string('l', 64) + "@example.org";
        var local65 = new string('l', 65) + "@example.org";
        Assert.True(SmtpAddress.TryParse(local64, out _));
        var tooLong = Assert.Throws<SmtpAddressFormatException>(() => SmtpAddress.Parse(local65));
        Assert.Equal(64, tooLong.Offset);

        var lenient = SmtpAddressParserOptions.Default.Clone();
        lenient.MaxLocalPartLength = 200;
        Assert.True(SmtpAddress.TryParse(local65, lenient, out _));

        var longPath = "u@" + string.Join('.', Enumerable.Repeat(new string('d', 60), 5)) + ".example";
        Assert.False(SmtpAddress.TryParse(longPath, out _));
        var noUtf8 = SmtpAddressParserOptions.Default.Clone();
        noUtf8.AllowUtf8 = false;
        Assert.False(SmtpAddress.TryParse("jörg@example.org", noUtf8, out _));
    }

    [Fact]
    public void Default_options_are_frozen()
    {
        Assert.True(SmtpAddressParserOptions.Default.IsFrozen);
        Assert.Throws<InvalidOperationException>(() => SmtpAddressParserOptions.Default.MaxPathLength = 1000);
        Assert.False(SmtpAddressParserOptions.Default.Clone().IsFrozen);
    }

    [Theory]
    [InlineData("user@example.org")]
    [InlineData("\"a b\"@[IPv6:::1]")]
    [InlineData("jörg@bücher.example")]
    public void Every_strict_prefix_fails_cleanly(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes.AsSpan(0, length);
            var parsed = SmtpAddress.TryParse(prefix, SmtpAddressParserOptions.Default, out var address);

            // A prefix may itself be a complete, valid address ("user@example.or"); it must then
            // be exactly that prefix, never something read past its end.
            if (parsed)
            {
                Assert.Equal(Encoding.UTF8.GetString(prefix), address!.Address);
            }
        }
    }

    [Theory]
    [InlineData("<user@example.org>", "user@example.org", 18)]
    [InlineData("<@relay.example,@other.example:user@example.org>", "user@example.org", 48)]
    [InlineData("<> SIZE=10", "", 2)]
    [InlineData("<Postmaster> NOTIFY=NEVER", "Postmaster", 12)]
    public void Paths_parse_with_source_routes_null_and_postmaster(string text, string address, int consumed)
    {
        var result = SmtpAddressSyntax.ParsePath(Encoding.UTF8.GetBytes(text), SmtpAddressParserOptions.Default, allowNull: true, allowBarePostmaster: true);
        Assert.NotNull(result.Address);
        Assert.Equal(address, result.Address!.Address);
        Assert.Equal(consumed, result.Consumed);
    }

    [Theory]
    [InlineData("user@example.org>", false)]
    [InlineData("<user@example.org", false)]
    [InlineData("<>", false)]
    [InlineData("<postmaster>", false)]
    [InlineData("<@relay.example user@example.org>", false)]
    public void Bad_paths_are_refused(string text, bool allowNull)
    {
        var result = SmtpAddressSyntax.ParsePath(Encoding.UTF8.GetBytes(text), SmtpAddressParserOptions.Default, allowNull, allowBarePostmaster: false);
        Assert.Null(result.Address);
        Assert.NotNull(result.Problem);
    }

    [Fact]
    public void Equality_follows_rfc_5321()
    {
        Assert.Equal(SmtpAddress.Parse("User@Example.ORG"), SmtpAddress.Parse("User@example.org"));
        Assert.NotEqual(SmtpAddress.Parse("User@example.org"), SmtpAddress.Parse("user@example.org"));
        Assert.Equal(SmtpAddress.Parse("User@Example.ORG").GetHashCode(), SmtpAddress.Parse("User@example.org").GetHashCode());
        Assert.True(SmtpAddress.NullReversePath.IsNullPath);
        Assert.Equal("<>", SmtpAddress.NullReversePath.ToString());
        Assert.NotEqual(SmtpAddress.NullReversePath, SmtpAddress.Parse("a@b"));
    }

    [Fact]
    public void An_envelope_refuses_the_null_path_as_recipient()
    {
        Assert.Throws<ArgumentException>(() => new SmtpEnvelope(SmtpAddress.Parse("a@b.example"), [SmtpAddress.NullReversePath]));
        var envelope = new SmtpEnvelope(SmtpAddress.NullReversePath, [SmtpAddress.Parse("jörg@b.example")]);
        Assert.True(envelope.AddressesRequireSmtpUtf8);
    }
}
