using System.Text;
using TldOps.Core.Lists.Requests;
using TldOps.Mail.Mime;

namespace TldOps.Core.Tests.Membership;

/// <summary>Builds mail as it arrives at the -request address.</summary>
internal static class ReplyMail
{
    public static RequestMail Create(string from, string subject, string body, string? cc = null, string? autoSubmitted = null, string messageId = "reply-1@example.net", string? envelopeSender = "")
    {
        var text = new StringBuilder()
            .Append("From: ").Append(from).Append("\r\n")
            .Append("To: TLD-OPS <tld-ops-request@tld-ops.example>\r\n");
        if (cc is not null)
        {
            text.Append("Cc: ").Append(cc).Append("\r\n");
        }

        if (autoSubmitted is not null)
        {
            text.Append("Auto-Submitted: ").Append(autoSubmitted).Append("\r\n");
        }

        text.Append("Subject: ").Append(subject).Append("\r\n")
            .Append("Message-ID: <").Append(messageId).Append(">\r\n")
            .Append("Date: Mon, 02 Nov 2026 10:00:00 +0000\r\n")
            .Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(body.ReplaceLineEndings("\r\n"));
        var raw = Encoding.UTF8.GetBytes(text.ToString());
        var message = MimeMessage.Load(raw);
        var sender = envelopeSender == string.Empty ? ExtractAddress(from) : envelopeSender;
        return new RequestMail(messageId, raw, message, sender, ["tld-ops-request@tld-ops.example"], null, new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
    }

    private static string ExtractAddress(string from)
    {
        var lt = from.IndexOf('<', StringComparison.Ordinal);
        return lt < 0 ? from.Trim() : from[(lt + 1)..from.IndexOf('>', StringComparison.Ordinal)];
    }
}
