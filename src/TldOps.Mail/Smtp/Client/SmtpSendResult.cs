namespace TldOps.Mail.Smtp.Client;

/// <summary>The per-recipient outcome of one transaction, in the order of the envelope's recipients.</summary>
public sealed class SmtpSendResult
{
    /// <summary>Creates a result.</summary>
    public SmtpSendResult(IReadOnlyList<SmtpRecipientResult> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        Recipients = recipients;
    }

    /// <summary>One result per recipient of the envelope, same order.</summary>
    public IReadOnlyList<SmtpRecipientResult> Recipients { get; }

    /// <summary>How many recipients were accepted.</summary>
    public int AcceptedCount => Recipients.Count(r => r.IsAccepted);

    /// <summary>True when every recipient was accepted.</summary>
    public bool AllAccepted => Recipients.All(r => r.IsAccepted);
}
