namespace TldOps.Mail.Smtp.Client;

/// <summary>The outcome for one recipient.</summary>
public enum SmtpRecipientStatus
{
    /// <summary>The server took responsibility for delivering to this recipient.</summary>
    Accepted,

    /// <summary>A 4yz refusal: try again later.</summary>
    TransientFailure,

    /// <summary>A 5yz refusal: do not retry; bounce.</summary>
    PermanentFailure,
}
