namespace TldOps.Mail.Smtp.Client;

/// <summary>What happened to one recipient of a transaction.</summary>
public sealed class SmtpRecipientResult
{
    /// <summary>Creates a result.</summary>
    public SmtpRecipientResult(SmtpAddress recipient, SmtpRecipientStatus status, SmtpReply reply, SmtpStep step)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(reply);
        Recipient = recipient;
        Status = status;
        Reply = reply;
        Step = step;
    }

    /// <summary>The recipient.</summary>
    public SmtpAddress Recipient { get; }

    /// <summary>Accepted, or a transient or permanent failure.</summary>
    public SmtpRecipientStatus Status { get; }

    /// <summary>
    /// The reply that decided: the end-of-data reply for accepted recipients (per recipient with
    /// LMTP), the RCPT reply for refused ones, or a reply made up by the client for
    /// <see cref="SmtpStep.CapabilityCheck"/>.
    /// </summary>
    public SmtpReply Reply { get; }

    /// <summary>The step whose reply decided.</summary>
    public SmtpStep Step { get; }

    /// <summary>True when accepted.</summary>
    public bool IsAccepted => Status == SmtpRecipientStatus.Accepted;

    /// <inheritdoc />
    public override string ToString() => $"{Recipient}: {Status} at {Step} ({Reply})";
}
