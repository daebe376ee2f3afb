using System.Text;
using TldOps.Mail.Smtp;

namespace TldOps.Mail.Tests.Smtp.Support;

internal static class TestMessages
{
    public static byte[] Simple(string subject = "Test", string body = "Hello.\r\n") =>
        Encoding.UTF8.GetBytes($"From: alice@sender.example\r\nTo: bob@test.example\r\nSubject: {subject}\r\nMessage-ID: <{subject.GetHashCode(StringComparison.Ordinal):x}@sender.example>\r\n\r\n{body}");

    public static SmtpEnvelope Envelope(params string[] recipients) =>
        new(SmtpAddress.Parse("alice@sender.example"), recipients.Select(SmtpAddress.Parse).ToArray());

    /// <summary>The bytes the server must store for <paramref name="message"/>: LF → CRLF, last line ended.</summary>
    public static string Normalized(string message)
    {
        var text = message.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        return text.Length == 0 || text.EndsWith("\r\n", StringComparison.Ordinal) ? text : text + "\r\n";
    }
}
