namespace TldOps.Mail.Smtp.Client;

/// <summary>
/// The connection is broken (network failure, timeout, malformed reply, failed TLS) and has
/// been closed; the client must connect again. Whether any message in flight was delivered is
/// unknown if this happens after its content was sent.
/// </summary>
public sealed class SmtpProtocolException : SmtpException
{
    /// <summary>Creates the exception.</summary>
    public SmtpProtocolException(SmtpProtocolError error, SmtpStep step, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        Step = step;
    }

    /// <summary>Creates the exception for a 421 reply.</summary>
    public SmtpProtocolException(SmtpStep step, SmtpReply reply)
        : base($"The server is closing the connection during {step}: {reply}")
    {
        ArgumentNullException.ThrowIfNull(reply);
        Error = SmtpProtocolError.ServiceClosing;
        Step = step;
        Reply = reply;
    }

    /// <summary>The 421 reply, for <see cref="SmtpProtocolError.ServiceClosing"/>; null otherwise.</summary>
    public SmtpReply? Reply { get; }

    /// <summary>What broke.</summary>
    public SmtpProtocolError Error { get; }

    /// <summary>The step that was under way.</summary>
    public SmtpStep Step { get; }

    /// <summary>
    /// True for everything except <see cref="SmtpProtocolError.AuthenticationUnavailable"/>, a
    /// configuration problem that retrying will not fix. As Postfix does, a server that does not
    /// offer required TLS or fails the handshake is retried later.
    /// </summary>
    public override bool IsTransient => Error != SmtpProtocolError.AuthenticationUnavailable;
}
