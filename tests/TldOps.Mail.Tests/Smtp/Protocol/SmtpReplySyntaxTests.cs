using System.Text;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Protocol;

namespace TldOps.Mail.Tests.Smtp.Protocol;

public sealed class SmtpReplySyntaxTests
{
    [Theory]
    [InlineData("250 OK", 250, true, "OK")]
    [InlineData("250-first", 250, false, "first")]
    [InlineData("220", 220, true, "")]
    [InlineData("554 5.7.1 Ünïcode", 554, true, "5.7.1 Ünïcode")]
    public void Reply_lines_parse(string line, int code, bool last, string text)
    {
        Assert.True(SmtpReplySyntax.TryParseLine(Encoding.UTF8.GetBytes(line), out var parsedCode, out var isLast, out var parsedText));
        Assert.Equal(code, parsedCode);
        Assert.Equal(last, isLast);
        Assert.Equal(text, parsedText);
    }

    [Theory]
    [InlineData("")]
    [InlineData("25")]
    [InlineData("150 intermediate")]
    [InlineData("650 out of range")]
    [InlineData("2x0 ok")]
    [InlineData("250_ok")]
    public void Non_replies_are_refused(string line)
    {
        Assert.False(SmtpReplySyntax.TryParseLine(Encoding.UTF8.GetBytes(line), out _, out _, out _));
    }

    [Fact]
    public void Enhanced_status_is_taken_off_every_line_when_the_first_has_it()
    {
        var reply = SmtpReplySyntax.Build(550, ["5.1.1 No such user", "5.1.1 here", "plain"]);
        Assert.Equal(new SmtpEnhancedStatusCode(5, 1, 1), reply.EnhancedStatus);
        Assert.Equal(["No such user", "here", "plain"], reply.Lines);
        Assert.Equal("550 5.1.1 No such user here plain", reply.ToString());
    }

    [Fact]
    public void A_status_whose_class_disagrees_with_the_code_is_text()
    {
        var reply = SmtpReplySyntax.Build(250, ["5.0.0 odd"]);
        Assert.Null(reply.EnhancedStatus);
        Assert.Equal("5.0.0 odd", reply.Text);
    }

    [Theory]
    [InlineData("2.0.0", true)]
    [InlineData("5.7.26", true)]
    [InlineData("4.999.999", true)]
    [InlineData("3.0.0", false)]
    [InlineData("5.1000.0", false)]
    [InlineData("5.1", false)]
    [InlineData("5..1", false)]
    public void Enhanced_status_codes_follow_rfc_3463(string text, bool valid)
    {
        Assert.Equal(valid, SmtpEnhancedStatusCode.TryParse(text, out var code));
        if (valid)
        {
            Assert.Equal(text, code.ToString());
        }
    }

    [Fact]
    public void Capabilities_are_read_from_the_ehlo_reply()
    {
        var reply = SmtpReplySyntax.Build(250, ["mx.example greets you", "PIPELINING", "SIZE 1000", "8BITMIME", "AUTH PLAIN LOGIN", "AUTH=LOGIN", "CHUNKING", "starttls", "SMTPUTF8"]);
        var capabilities = SmtpCapabilities.FromEhloReply(reply);
        Assert.True(capabilities.Pipelining && capabilities.Chunking && capabilities.StartTls && capabilities.EightBitMime && capabilities.SmtpUtf8);
        Assert.False(capabilities.EnhancedStatusCodes);
        Assert.Equal(1000, capabilities.MaxSize);
        Assert.Equal(["LOGIN", "PLAIN"], capabilities.AuthMechanisms.Order(StringComparer.Ordinal));
        Assert.Equal(0, SmtpCapabilities.FromEhloReply(SmtpReplySyntax.Build(250, ["x", "SIZE"])).MaxSize);
        Assert.Null(SmtpCapabilities.Basic.MaxSize);
    }
}
