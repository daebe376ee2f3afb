namespace TldOps.Mail.Smtp.Client;

/// <summary>
/// The server refused a command (or, for <see cref="SmtpStep.CapabilityCheck"/>, the client
/// refused to send what the server cannot carry). The connection is still usable.
/// </summary>
public sealed class SmtpCommandException : SmtpException
{
    /// <summary>Creates the exception from the server's reply.</summary>
    public SmtpCommandException(SmtpStep step, SmtpReply reply, SmtpAddress? mailbox = null)
        : base(Describe(step, reply, mailbox))
    {
        ArgumentNullException.ThrowIfNull(reply);
        Step = step;
        Reply = reply;
        Mailbox = mailbox;
    }

    /// <summary>The step that was refused.</summary>
    public SmtpStep Step { get; }

    /// <summary>The refusal: code, enhanced status and text.</summary>
    public SmtpReply Reply { get; }

    /// <summary>The reply code (4yz or 5yz).</summary>
    public int Code => Reply.Code;

    /// <summary>The RFC 3463 status, when the server gave one.</summary>
    public SmtpEnhancedStatusCode? EnhancedStatus => Reply.EnhancedStatus;

    /// <summary>The sender for MAIL FROM refusals; null otherwise.</summary>
    public SmtpAddress? Mailbox { get; }

    /// <summary>True for 4yz replies (RFC 5321 §4.2.1: transient negative completion).</summary>
    public override bool IsTransient => Reply.IsTransientFailure;

    private static string Describe(SmtpStep step, SmtpReply reply, SmtpAddress? mailbox) =>
        mailbox is null ? $"{step} refused: {reply}" : $"{step} refused for {mailbox}: {reply}";
}
