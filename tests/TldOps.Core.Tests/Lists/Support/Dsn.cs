using System.Text;

namespace TldOps.Core.Tests.Lists.Support;

/// <summary>RFC 3464 delivery status notifications as an MTA writes them.</summary>
internal static class Dsn
{
    public static byte[] For(string finalRecipient, string action = "failed", string status = "5.1.1", string diagnostic = "smtp; 550 5.1.1 user unknown") =>
        Encoding.ASCII.GetBytes(
            "From: MAILER-DAEMON@mx.nic.example.br\r\nTo: tld-ops-bounces@lists.example\r\nSubject: Undelivered Mail Returned to Sender\r\n" +
            "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n" +
            "--r\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n" +
            "--r\r\nContent-Type: message/delivery-status\r\n\r\n" +
            "Reporting-MTA: dns; mx.nic.example.br\r\n\r\n" +
            $"Final-Recipient: rfc822; {finalRecipient}\r\nAction: {action}\r\nStatus: {status}\r\nDiagnostic-Code: {diagnostic}\r\n\r\n" +
            "--r\r\nContent-Type: text/rfc822-headers\r\n\r\nSubject: [TLD-OPS] something\r\n\r\n--r--\r\n");
}
