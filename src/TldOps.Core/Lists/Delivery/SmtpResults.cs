using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;

namespace TldOps.Core.Lists.Delivery;

/// <summary>Turns what the SMTP client reports into a <see cref="DeliveryResult"/>.</summary>
internal static class SmtpResults
{
    public static DeliveryResult From(SmtpSendResult result)
    {
        var recipient = result.Recipients[0];
        return recipient.Status switch
        {
            SmtpRecipientStatus.Accepted => new DeliveryResult.Delivered(recipient.Reply.ToString()),
            SmtpRecipientStatus.TransientFailure => new DeliveryResult.Transient($"{recipient.Step}: {recipient.Reply}"),
            _ => new DeliveryResult.Permanent($"{recipient.Step}: {recipient.Reply}", recipient.Reply.EnhancedStatus?.ToString()),
        };
    }

    public static DeliveryResult From(SmtpException exception) => exception switch
    {
        SmtpCommandException { IsTransient: false } refused => new DeliveryResult.Permanent(refused.Message, refused.EnhancedStatus?.ToString()),
        _ when exception.IsTransient => new DeliveryResult.Transient(exception.Message),
        _ => new DeliveryResult.Permanent(exception.Message),
    };

    public static SmtpEnvelope Envelope(OutgoingCopy copy)
    {
        var from = string.IsNullOrEmpty(copy.ReturnPath) ? SmtpAddress.NullReversePath : SmtpAddress.Parse(copy.ReturnPath);
        return new SmtpEnvelope(from, [SmtpAddress.Parse(copy.Recipient)]);
    }

    /// <summary>True when the server refused the content as 8-bit without 8BITMIME (RFC 6152 §3): send it again as 7-bit.</summary>
    public static bool NeedsSevenBit(SmtpCommandException exception) =>
        exception.Step == SmtpStep.CapabilityCheck && exception.EnhancedStatus?.ToString() == "5.6.3";

    public static ReadOnlyMemory<byte> ToSevenBit(ReadOnlyMemory<byte> content)
    {
        var message = TldOps.Mail.Mime.MimeMessage.Load(content);
        message.ConvertToSevenBit();
        return message.ToArray();
    }
}
