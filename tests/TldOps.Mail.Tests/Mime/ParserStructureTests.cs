using System.Text;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Tests.Mime;

public sealed class ParserStructureTests
{
    [Fact]
    public void A_multipart_keeps_its_preamble_parts_and_epilogue()
    {
        var message = Load("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\npreamble\r\n--b\r\n\r\none\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>two</p>\r\n--b--\r\nepilogue\r\n");

        var multipart = Assert.IsType<Multipart>(message.Body);

        Assert.Equal("preamble", Encoding.ASCII.GetString(multipart.Preamble!.Value.Span));
        Assert.Equal("epilogue\r\n", Encoding.ASCII.GetString(multipart.Epilogue!.Value.Span));
        Assert.Equal(2, multipart.Count);
        Assert.Equal("one", ((MimePart)multipart[0]).GetText());
        Assert.Equal("text/html", multipart[1].ContentType.MimeType);
        Assert.True(multipart.HasCloseBoundary);
    }

    [Fact]
    public void An_enclosing_boundary_ends_an_unclosed_inner_multipart()
    {
        var message = Load("Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\n\r\ninner text\r\n--outer\r\n\r\nsecond\r\n--outer--\r\n");

        var outer = Assert.IsType<Multipart>(message.Body);
        var inner = Assert.IsType<Multipart>(outer[0]);

        Assert.Equal(2, outer.Count);
        Assert.False(inner.HasCloseBoundary);
        Assert.Equal("inner text", ((MimePart)inner[0]).GetText());
        Assert.Equal("second", ((MimePart)outer[1]).GetText());
    }

    [Fact]
    public void A_boundary_line_may_carry_padding_and_ignored_text()
    {
        var message = Load("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b  \t\r\n\r\none\r\n--b ignored text\r\n\r\ntwo\r\n--b-- the end\r\n");

        var multipart = Assert.IsType<Multipart>(message.Body);

        Assert.Equal(["one", "two"], multipart.Cast<MimePart>().Select(p => p.GetText()));
    }

    [Fact]
    public void A_boundary_that_is_a_prefix_of_another_is_not_confused_with_it()
    {
        var message = Load("Content-Type: multipart/mixed; boundary=ab\r\n\r\n--ab\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n\r\ninner\r\n--a--\r\n--ab--\r\n");

        var outer = Assert.IsType<Multipart>(message.Body);
        var inner = Assert.IsType<Multipart>(Assert.Single(outer));

        Assert.Equal("inner", ((MimePart)Assert.Single(inner)).GetText());
    }

    [Fact]
    public void Fields_without_a_blank_line_end_where_the_body_starts()
    {
        var message = Load("Subject: no blank line\r\nThis line is the body.\r\n");

        Assert.Single(message.Headers);
        Assert.Equal("This line is the body.\r\n", ((MimePart)message.Body).GetText());
    }

    [Fact]
    public void A_digest_defaults_its_parts_to_message_rfc822()
    {
        var message = Load("Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: inner\r\n\r\nhello\r\n--d--\r\n");

        var part = Assert.IsType<MessagePart>(Assert.IsType<Multipart>(message.Body)[0]);

        Assert.Equal("message/rfc822", part.ContentType.MimeType);
        Assert.Equal("inner", part.Message.Subject);
    }

    [Fact]
    public void A_base64_encoded_embedded_message_is_decoded_and_written_back_as_sent()
    {
        var inner = "Subject: inside\r\n\r\nhello\r\n";
        var encoded = Convert.ToBase64String(Encoding.ASCII.GetBytes(inner));
        var bytes = Encoding.ASCII.GetBytes("Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n");

        var message = MimeMessage.Load(bytes);
        var part = Assert.IsType<MessagePart>(message.Body);

        Assert.Equal("inside", part.Message.Subject);
        Assert.Equal(bytes, message.ToArray());

        part.Message.Subject = "changed";
        var reread = Assert.IsType<MessagePart>(MimeMessage.Load(message.ToArray()).Body);
        Assert.Equal("changed", reread.Message.Subject);
    }

    [Fact]
    public void A_multipart_without_a_boundary_parameter_is_one_leaf()
    {
        var message = Load("Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\ntext\r\n");

        Assert.IsType<MimePart>(message.Body);
        Assert.Equal("multipart/mixed", message.Body.ContentType.MimeType);
    }

    [Fact]
    public void The_mbox_envelope_line_is_kept_apart_from_the_fields()
    {
        var message = Load("From MAILER-DAEMON Sun Aug  7 11:40:37 2022\nFrom: a@example.org\n\nbody\n");

        Assert.Equal("From MAILER-DAEMON Sun Aug  7 11:40:37 2022", message.MboxFromLine);
        Assert.Equal("a@example.org", Assert.Single(message.Headers).Value);
    }

    [Fact]
    public void An_obsolete_blank_before_the_colon_is_read_as_a_field()
    {
        var message = Load("Subject : spaced\r\n\r\nbody");

        Assert.Equal("spaced", message.Subject);
    }

    [Theory]
    [InlineData("cpython_msg_02.txt")]
    [InlineData("mimekit_startrek.eml")]
    [InlineData("deltachat_gmail_ndn.eml")]
    [InlineData("mime4j_boundary-name-clash.msg")]
    [InlineData("stalwart-malformed_019.eml")]
    public void Every_strict_prefix_of_a_message_parses_and_writes_back_byte_for_byte(string name)
    {
        var bytes = MimeCorpus.Read(name);

        // Every length up to 4 KiB, then every 97th: tens of thousands of parses would be slow.
        for (var length = 0; length < bytes.Length; length += length < 4096 ? 1 : 97)
        {
            var prefix = bytes.AsMemory(0, length);

            var message = MimeMessage.Load(prefix);

            Assert.True(prefix.Span.SequenceEqual(message.ToArray()), $"prefix of {length} bytes");
        }
    }

    private static MimeMessage Load(string text) => MimeMessage.Load(Encoding.UTF8.GetBytes(text));
}
