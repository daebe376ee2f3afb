using TldOps.Mail.Addresses;
using TldOps.Mail.Encodings;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Tests.Addresses;

public sealed class AddressParserTests
{
    [Theory]
    [InlineData("jdoe@example.org (John Doe)", "John Doe", "jdoe", "example.org")]
    [InlineData("\"Doe, John\" <jdoe@example.org>", "Doe, John", "jdoe", "example.org")]
    [InlineData("John Q. Public <jqp@example.org>", "John Q. Public", "jqp", "example.org")]
    [InlineData("\"john doe\"@example.org", null, "john doe", "example.org")]
    [InlineData("<@relay.example:user@example.org>", null, "user", "example.org")]
    [InlineData("Broken <user@example.org", "Broken", "user", "example.org")]
    [InlineData("=?utf-8?B?0JjQstCw0L0=?= <ivan@пример.рф>", "Иван", "ivan", "пример.рф")]
    [InlineData("用户@例子.广告", null, "用户", "例子.广告")]
    [InlineData("user@[192.0.2.1]", null, "user", "[192.0.2.1]")]
    [InlineData("postmaster", null, "postmaster", "")]
    public void Mailboxes_parse(string text, string? name, string localPart, string domain)
    {
        var mailbox = MailboxAddress.Parse(text);

        Assert.Equal(name, mailbox.DisplayName);
        Assert.Equal(localPart, mailbox.LocalPart);
        Assert.Equal(domain, mailbox.Domain);
    }

    [Theory]
    [InlineData("John Doe", 8)]
    [InlineData("a@b, John Doe", 13)]
    [InlineData("<>", 1)]
    [InlineData("a@", 2)]
    [InlineData("a@b c@d", 5)]
    [InlineData("<a@b> >", 6)]
    public void Invalid_lists_fail_with_the_offset_where_reading_stopped(string text, int offset)
    {
        var exception = Assert.Throws<AddressFormatException>(() => AddressParser.Default.ParseList(text));

        Assert.Equal(offset, exception.Offset);
        Assert.False(AddressParser.Default.TryParseList(text, out _));
    }

    [Fact]
    public void Empty_elements_and_empty_fields_are_allowed()
    {
        Assert.Empty(AddressParser.Default.ParseList(""));
        Assert.Equal(2, AddressParser.Default.ParseList("a@x, , b@y,").Count);
    }

    [Fact]
    public void A_missing_domain_can_be_refused()
    {
        var options = AddressParserOptions.Default.Clone();
        options.AllowMissingDomain = false;

        Assert.False(new AddressParser(options).TryParseMailbox("postmaster", out _));
    }

    [Fact]
    public void Limits_hold()
    {
        var options = AddressParserOptions.Default.Clone();
        options.MaxAddresses = 3;
        options.MaxLength = 100;
        var parser = new AddressParser(options);

        Assert.Throws<AddressFormatException>(() => parser.ParseList("a@x, b@x, c@x, d@x"));
        Assert.Throws<AddressFormatException>(() => parser.ParseList(new string('a', 101) + "@x"));
        Assert.Equal(3, parser.ParseList("a@x, b@x, c@x").Count);
    }

    [Fact]
    public void Deeply_nested_comments_do_not_break_the_parser()
    {
        var text = new string('(', 100_000) + new string(')', 100_000) + "a@example.org";

        Assert.Equal("a@example.org", MailboxAddress.Parse(text).Address);
    }

    [Fact]
    public void Idn_domains_convert_both_ways_and_compare_equal()
    {
        var unicode = MailboxAddress.Parse("info@bücher.example");
        var ascii = unicode.ToAscii();

        Assert.Equal("info@xn--bcher-kva.example", ascii.Address);
        Assert.Equal("info@bücher.example", ascii.ToUnicode().Address);
        Assert.Equal(unicode, ascii);
        Assert.Equal(unicode.GetHashCode(), ascii.GetHashCode());
        Assert.True(unicode.IsInternational);
        Assert.False(unicode.RequiresSmtpUtf8);
    }

    [Fact]
    public void Invalid_punycode_is_shown_as_sent()
    {
        var mailbox = MailboxAddress.Parse("a@xn--zz.example");

        Assert.Same(mailbox, mailbox.ToUnicode());
    }

    [Fact]
    public void Local_parts_compare_case_sensitively_and_domains_do_not()
    {
        Assert.Equal(MailboxAddress.Parse("a@EXAMPLE.org"), MailboxAddress.Parse("Someone <a@example.org>"));
        Assert.NotEqual(MailboxAddress.Parse("A@example.org"), MailboxAddress.Parse("a@example.org"));
    }

    [Fact]
    public void Message_helpers_read_address_fields()
    {
        var message = MimeMessage.Load("From: \"Ops Desk\" <ops@nic.example>\r\nTo: a@x.example, Team: b@y.example;\r\nDate: Tue, 1 Jul 2003 10:52:37 +0200\r\nMessage-ID: <id@nic.example>\r\n\r\n"u8.ToArray());

        Assert.Equal("Ops Desk", message.From[0].DisplayName);
        Assert.Equal(["a@x.example", "b@y.example"], message.To.SelectMany(a => a.Mailboxes()).Select(m => m.Address));
        Assert.Equal(new DateTimeOffset(2003, 7, 1, 10, 52, 37, TimeSpan.FromHours(2)), message.Date);
        Assert.Equal("id@nic.example", message.MessageId);
    }
}
