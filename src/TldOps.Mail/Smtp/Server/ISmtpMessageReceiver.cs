namespace TldOps.Mail.Smtp.Server;

/// <summary>
/// The application's side of the SMTP/LMTP listener: it decides about each recipient at RCPT and
/// about each message at the end of DATA (or BDAT LAST). The server replies 250 only after the
/// decision for the message accepts it, so an implementation must store the message durably
/// before it returns <see cref="SmtpDecision.Accepted"/>. An exception thrown here becomes
/// 451 4.3.0 (<see cref="SmtpRejectReason.HandlerFailed"/>), is logged as an error, and the
/// connection stays open.
/// </summary>
public interface ISmtpMessageReceiver
{
    /// <summary>Decides about one recipient.</summary>
    /// <param name="session">The connection.</param>
    /// <param name="envelope">The transaction so far: sender, parameters and the recipients accepted before this one.</param>
    /// <param name="recipient">The recipient to decide about.</param>
    /// <param name="cancellationToken">Cancelled when the server aborts the connection.</param>
    ValueTask<SmtpDecision> OnRecipientAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpAddress recipient, CancellationToken cancellationToken = default);

    /// <summary>Decides about a complete message (SMTP: one reply for all recipients).</summary>
    /// <param name="session">The connection.</param>
    /// <param name="envelope">The sender, the accepted recipients, BODY, SMTPUTF8 and SIZE.</param>
    /// <param name="content">
    /// The message bytes exactly as received (dot-stuffing removed, nothing added), at most
    /// <see cref="SmtpServerLimits.MaxMessageSize"/> octets. Valid only until this call returns.
    /// </param>
    /// <param name="cancellationToken">Cancelled when the server aborts the connection.</param>
    ValueTask<SmtpDecision> OnMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpMessageContent content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Decides about a complete message received over LMTP, one decision per recipient of
    /// <paramref name="envelope"/>, in the same order (RFC 2033 §4.2). By default every recipient
    /// gets the decision of <see cref="OnMessageAsync"/>.
    /// </summary>
    async ValueTask<IReadOnlyList<SmtpDecision>> OnLmtpMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpMessageContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var decision = await OnMessageAsync(session, envelope, content, cancellationToken);
        return Enumerable.Repeat(decision, envelope.Recipients.Count).ToArray();
    }
}
