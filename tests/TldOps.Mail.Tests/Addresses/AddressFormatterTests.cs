using System.Text;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Tests.Addresses;

public sealed class AddressFormatterTests
{
    [Fact]
    public void Display_names_are_quoted_or_encoded_as_needed_and_read_back()
    {
        InternetAddress[] addresses =
        [
            new MailboxAddress("Plain Name", "a@example.org"),
            new MailboxAddress("Doe, John", "b@example.org"),
            new MailboxAddress("Jöhn \"the\" Døe", "c@example.org"),
            new MailboxAddress("=?fake?q?x?=", "d@example.org"),
            new MailboxAddress(null, "e@bücher.example"),
            new GroupAddress("Committee", [new MailboxAddress("Chair", "chair@example.org")]),
        ];

        var header = AddressFormatter.CreateHeader("To", addresses);

        Assert.True(Ascii.IsValid(header.RawField.Span));
        Assert.Contains("\"Doe, John\" <b@example.org>", header.UnfoldedText, StringComparison.Ordinal);
        Assert.Contains("e@xn--bcher-kva.example", header.UnfoldedText, StringComparison.Ordinal);
        var reread = AddressParser.Default.ParseList(header).SelectMany(a => a.Mailboxes()).ToList();
        Assert.Equal(["Plain Name", "Doe, John", "Jöhn \"the\" Døe", "=?fake?q?x?=", null, "Chair"], reread.Select(m => m.DisplayName));
        Assert.Equal(addresses.SelectMany(a => a.Mailboxes()), reread);
    }

    [Fact]
    public void Long_lists_fold_between_addresses()
    {
        var addresses = Enumerable.Range(0, 30).Select(i => new MailboxAddress($"Member {i}", $"member{i}@nic.example"));

        var header = AddressFormatter.CreateHeader("Bcc", addresses);

        var lines = Encoding.ASCII.GetString(header.RawField.Span).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.InRange(l.Length, 1, 78));
        Assert.Equal(30, AddressParser.Default.ParseList(header).Count);
    }

    [Fact]
    public void A_utf8_local_part_needs_utf8_headers()
    {
        var mailbox = new MailboxAddress("Ünïcode", "пользователь", "пример.рф");

        Assert.Throws<ArgumentException>(() => AddressFormatter.CreateHeader("To", [mailbox]));

        var header = AddressFormatter.CreateHeader("To", [mailbox], FormatOptions.International);
        Assert.Equal("To: Ünïcode <пользователь@пример.рф>\r\n", Encoding.UTF8.GetString(header.RawField.Span));
        Assert.Equal(mailbox, AddressParser.Default.ParseList(header).Single());
    }
}
