using System.Globalization;
using System.Text;
using TldOps.Mail.Smtp.Protocol;

namespace TldOps.Mail.Smtp.Client;

/// <summary>
/// What one transaction will send, worked out from the envelope, the bytes and the server's
/// extensions before anything is written, with the downgrade rules:
/// SMTPUTF8 is requested when an address or the header holds UTF-8 (RFC 6531 §3.4) or the
/// envelope asks for it; when the server lacks it, a UTF-8 sender (or an explicit request)
/// fails the message and a UTF-8 recipient fails that recipient (553 5.6.7), while UTF-8 only in
/// the header falls back to BODY=8BITMIME as Postfix does. 8-bit content without 8BITMIME
/// (RFC 6152 §3) fails with 554 5.6.3: converting to 7-bit is the MIME layer's job. A message
/// larger than the advertised SIZE (RFC 1870 §6) fails with 552 5.3.4.
/// </summary>
internal sealed class SmtpTransactionPlan
{
    private SmtpTransactionPlan(string mailCommand, long size, bool useBdat, SmtpRecipientResult?[] localFailures)
    {
        MailCommand = mailCommand;
        Size = size;
        UseBdat = useBdat;
        LocalFailures = localFailures;
    }

    public string MailCommand { get; }

    /// <summary>The octets sent for the content with CRLF line ends (BDAT's chunk size).</summary>
    public long Size { get; }

    public bool UseBdat { get; }

    /// <summary>Per recipient, the result when the client refused it itself; null when it will be sent.</summary>
    public SmtpRecipientResult?[] LocalFailures { get; }

    /// <exception cref="SmtpCommandException">The message cannot be sent to this server at all (step CapabilityCheck).</exception>
    public static SmtpTransactionPlan Create(SmtpEnvelope envelope, ReadOnlySpan<byte> message, SmtpCapabilities capabilities, SmtpClientOptions options)
    {
        var traits = SmtpContentScanner.Scan(message);
        var wantsUtf8 = envelope.SmtpUtf8 || envelope.AddressesRequireSmtpUtf8 || traits.HeaderHasEightBit;
        var useUtf8 = wantsUtf8 && capabilities.SmtpUtf8;
        if (!capabilities.SmtpUtf8 && (envelope.SmtpUtf8 || envelope.From.RequiresSmtpUtf8))
        {
            throw Refuse(553, 5, 6, 7, "The server does not support SMTPUTF8, which this sender needs (RFC 6531 section 3.4)");
        }

        var eightBit = traits.HasEightBit || envelope.BodyType == SmtpBodyType.EightBitMime;
        if (eightBit && !capabilities.EightBitMime && !useUtf8)
        {
            throw Refuse(554, 5, 6, 3, "The message has 8-bit data and the server does not support 8BITMIME (RFC 6152 section 3); convert it to 7-bit first");
        }

        var size = SmtpDataEncoder.NormalizedLength(message);
        if (capabilities.MaxSize is > 0 && size > capabilities.MaxSize)
        {
            throw Refuse(552, 5, 3, 4, string.Create(CultureInfo.InvariantCulture, $"The message has {size} octets; the server accepts at most {capabilities.MaxSize} (RFC 1870)"));
        }

        var failures = new SmtpRecipientResult?[envelope.Recipients.Count];
        for (var i = 0; i < failures.Length; i++)
        {
            if (envelope.Recipients[i].RequiresSmtpUtf8 && !capabilities.SmtpUtf8)
            {
                var reply = new SmtpReply(553, new SmtpEnhancedStatusCode(5, 6, 7), ["The server does not support SMTPUTF8, which this recipient needs (RFC 6531)"]);
                failures[i] = new SmtpRecipientResult(envelope.Recipients[i], SmtpRecipientStatus.PermanentFailure, reply, SmtpStep.CapabilityCheck);
            }
        }

        var mail = new StringBuilder("MAIL FROM:").Append(envelope.From.ToPath());
        if (capabilities.MaxSize is not null)
        {
            mail.Append(CultureInfo.InvariantCulture, $" SIZE={size}");
        }

        if (eightBit && capabilities.EightBitMime)
        {
            mail.Append(" BODY=8BITMIME");
        }

        if (useUtf8)
        {
            mail.Append(" SMTPUTF8");
        }

        return new SmtpTransactionPlan(mail.ToString(), size, capabilities.Chunking && options.UseChunking, failures);
    }

    private static SmtpCommandException Refuse(int code, int cls, int subject, int detail, string text) =>
        new(SmtpStep.CapabilityCheck, new SmtpReply(code, new SmtpEnhancedStatusCode(cls, subject, detail), [text]));
}
