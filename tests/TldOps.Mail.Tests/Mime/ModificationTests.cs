using System.Text;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Tests.Mime;

public sealed class ModificationTests
{
    [Fact]
    public void Prepending_a_field_changes_nothing_else()
    {
        var bytes = MimeCorpus.Read("deltachat_mailinglist_with_mimepart_footer_signed.eml");
        var message = MimeMessage.Load(bytes);

        message.Headers.Prepend("List-Id", "TLD-OPS <tld-ops.example.org>");

        var written = message.ToArray();
        var added = Encoding.ASCII.GetBytes("List-Id: TLD-OPS <tld-ops.example.org>\n");
        Assert.Equal(added, written[..added.Length]);
        Assert.Equal(bytes, written[added.Length..]);
    }

    [Fact]
    public void New_fields_follow_the_line_ending_of_the_message()
    {
        var crlf = MimeMessage.Load(Encoding.ASCII.GetBytes("Subject: a\r\n\r\nbody\r\n"));
        var lf = MimeMessage.Load(Encoding.ASCII.GetBytes("Subject: a\n\nbody\n"));

        crlf.Headers.Add("X-Test", "1");
        lf.Headers.Add("X-Test", "1");

        Assert.Equal("Subject: a\r\nX-Test: 1\r\n\r\nbody\r\n", Encoding.ASCII.GetString(crlf.ToArray()));
        Assert.Equal("Subject: a\nX-Test: 1\n\nbody\n", Encoding.ASCII.GetString(lf.ToArray()));
    }

    [Fact]
    public void Replacing_the_subject_rewrites_only_that_field_and_encodes_it()
    {
        var message = MimeMessage.Load(Encoding.ASCII.GetBytes("From: a@example.org\r\nSubject: old\r\nSubject: duplicate\r\nTo: b@example.org\r\n\r\nbody\r\n"));

        message.Subject = "[tld-ops] Grüße";

        Assert.Equal(
            "From: a@example.org\r\nSubject: [tld-ops] =?utf-8?B?R3LDvMOfZQ==?=\r\nTo: b@example.org\r\n\r\nbody\r\n",
            Encoding.ASCII.GetString(message.ToArray()));
        Assert.Equal("[tld-ops] Grüße", message.Subject);
    }

    [Fact]
    public void A_footer_is_appended_to_a_mixed_multipart_without_touching_the_other_parts()
    {
        var bytes = MimeCorpus.Read("deltachat_mailinglist_with_mimepart_footer_signed.eml");
        var message = MimeMessage.Load(bytes);
        var mixed = Assert.IsType<Multipart>(message.Body);
        var signed = mixed[0].ToArray();
        var footer = new MimePart(new ContentType("text", "plain"), message.Headers.FormatOptions);
        footer.SetText("TLD-OPS list footer");

        message.AppendFooter(footer, new Random(1));

        var reread = MimeMessage.Load(message.ToArray());
        var parts = Assert.IsType<Multipart>(reread.Body);
        Assert.Equal(3, parts.Count);
        Assert.Equal(signed, parts[0].ToArray());
        Assert.Equal("TLD-OPS list footer\n", ((MimePart)parts[^1]).GetText());
    }

    [Fact]
    public void A_signed_message_is_wrapped_and_its_signed_part_stays_byte_identical()
    {
        var message = MimeMessage.Load(MimeCorpus.Read("cpython_msg_48.txt"));
        var signed = Assert.IsType<Multipart>(message.Body);
        var signedContent = signed[0].ToArray();
        var signature = signed[1].ToArray();
        var subject = message.Subject;
        var footer = new MimePart(new ContentType("text", "plain"), message.Headers.FormatOptions);
        footer.SetText("footer");

        message.AppendFooter(footer, new Random(7));

        var reread = MimeMessage.Load(message.ToArray());
        Assert.Equal("multipart/mixed", reread.Body.ContentType.MimeType);
        Assert.Equal(subject, reread.Subject);
        var wrapped = Assert.IsType<Multipart>(Assert.IsType<Multipart>(reread.Body)[0]);
        Assert.Equal("multipart/signed", wrapped.ContentType.MimeType);
        Assert.Equal(signedContent, wrapped[0].ToArray());
        Assert.Equal(signature, wrapped[1].ToArray());
        Assert.DoesNotContain(wrapped.Headers, h => h.Name.Equals("Subject", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Changing_the_boundary_rewrites_every_boundary_line()
    {
        var message = MimeMessage.Load(Encoding.ASCII.GetBytes("Content-Type: multipart/mixed; boundary=old\r\n\r\n--old\r\n\r\none\r\n--old--\r\n"));

        message.Headers.Replace(Header.CreateRaw("Content-Type", "multipart/mixed; boundary=new"));

        Assert.Equal("Content-Type: multipart/mixed; boundary=new\r\n\r\n--new\r\n\r\none\r\n--new--\r\n", Encoding.ASCII.GetString(message.ToArray()));
    }

    [Fact]
    public void Header_list_lookups_ignore_case_and_keep_order()
    {
        var headers = new HeaderList();
        headers.Add("Received", "one");
        headers.Add("received", "two");
        headers.Prepend("DKIM-Signature", "v=1");
        headers.Insert(1, Header.Create("X-Inserted", "here"));

        Assert.Equal(["DKIM-Signature", "X-Inserted", "Received", "received"], headers.Select(h => h.Name));
        Assert.Equal("one", headers["RECEIVED"]);
        Assert.Equal(2, headers.FindAll("Received").Count);
        Assert.Equal(2, headers.Remove("received"));
        Assert.False(headers.Contains("Received"));
    }

    [Fact]
    public void Values_with_line_breaks_cannot_inject_fields()
    {
        var header = Header.Create("Subject", "hello\r\nBcc: victim@example.org");

        Assert.Equal("Subject: hello Bcc: victim@example.org\r\n", Encoding.ASCII.GetString(header.RawField.Span));
    }

    [Fact]
    public void Long_values_are_folded_at_blanks_and_unfold_to_the_same_text()
    {
        var text = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"word{i}"));

        var header = Header.Create("Subject", text);

        var lines = Encoding.ASCII.GetString(header.RawField.Span).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 3);
        Assert.All(lines, l => Assert.InRange(l.Length, 1, 78));
        Assert.Equal(text, header.Value);
    }

    [Fact]
    public void Utf8_headers_are_written_raw_only_when_allowed()
    {
        var seven = Header.Create("Subject", "Ελληνικά", FormatOptions.Default);
        var eight = Header.Create("Subject", "Ελληνικά", FormatOptions.International);

        Assert.True(Ascii.IsValid(seven.RawField.Span));
        Assert.Equal("Subject: Ελληνικά\r\n", Encoding.UTF8.GetString(eight.RawField.Span));
        Assert.Equal("Ελληνικά", seven.Value);
    }
}
