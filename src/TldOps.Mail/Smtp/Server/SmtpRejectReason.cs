namespace TldOps.Mail.Smtp.Server;

/// <summary>
/// Every way the server refuses a client, each mapped to one reply (code, RFC 3463 status, text)
/// in a single table. None of these is logged as an error: they are the client's mistakes or
/// limits doing their job.
/// </summary>
public enum SmtpRejectReason
{
    /// <summary>A command line longer than <see cref="SmtpServerLimits.MaxCommandLineLength"/>: 500 5.5.2.</summary>
    LineTooLong,

    /// <summary>A command line ended by LF alone (RFC 5321 §2.3.8): 500 5.5.2.</summary>
    BareLineFeed,

    /// <summary>Message data with LF alone (RFC 5321 §2.3.8, SMTP smuggling): 554 5.6.0.</summary>
    BareLineFeedInData,

    /// <summary>A verb the server does not know: 500 5.5.1.</summary>
    UnrecognizedCommand,

    /// <summary>A known verb this server does not implement (EXPN, AUTH, TURN, ETRN): 502 5.5.1.</summary>
    CommandNotImplemented,

    /// <summary>Arguments that do not parse: 501 5.5.4.</summary>
    SyntaxError,

    /// <summary>A MAIL FROM path that does not parse: 501 5.1.7 (RFC 3463 bad sender address syntax).</summary>
    InvalidSenderAddress,

    /// <summary>A RCPT TO path that does not parse: 501 5.1.3 (bad destination address syntax).</summary>
    InvalidRecipientAddress,

    /// <summary>A command out of order (MAIL before EHLO, RCPT before MAIL, nested MAIL): 503 5.5.1.</summary>
    BadSequence,

    /// <summary>An unknown or unadvertised MAIL/RCPT parameter (RFC 5321 §4.1.1.11): 555 5.5.4.</summary>
    UnknownParameter,

    /// <summary>HELO or EHLO on an LMTP endpoint, which needs LHLO (RFC 2033 §4.1): 500 5.5.1.</summary>
    LhloRequired,

    /// <summary>A non-ASCII address in a transaction without SMTPUTF8 (RFC 6531 §3.4): 553 5.6.7.</summary>
    Utf8AddressWithoutSmtpUtf8,

    /// <summary>More RCPTs than <see cref="SmtpServerLimits.MaxRecipientsPerMessage"/> (RFC 5321 §4.5.3.1.10): 452 4.5.3.</summary>
    TooManyRecipients,

    /// <summary>A SIZE parameter above the limit (RFC 1870 §6.2): 552 5.3.4.</summary>
    DeclaredSizeTooLarge,

    /// <summary>Message data above <see cref="SmtpServerLimits.MaxMessageSize"/>: 552 5.3.4.</summary>
    MessageTooLarge,

    /// <summary>DATA or BDAT with no accepted recipient (RFC 2920 §3.1): 554 5.5.1.</summary>
    NoValidRecipients,

    /// <summary>STARTTLS without a configured certificate: 454 4.7.0 (RFC 3207 §4).</summary>
    TlsNotAvailable,

    /// <summary>STARTTLS on a connection already encrypted: 503 5.5.1.</summary>
    TlsAlreadyActive,

    /// <summary>Bytes sent after STARTTLS before the handshake (RFC 3207 §4.2, plaintext injection): 554 5.5.1, then close.</summary>
    PipeliningAfterStartTls,

    /// <summary>A TLS handshake that failed or did not finish in time: the connection is closed, no reply is possible.</summary>
    TlsHandshakeFailed,

    /// <summary>No input within <see cref="SmtpServerLimits.IdleTimeout"/> or <see cref="SmtpServerLimits.MaxSessionDuration"/>: 421 4.4.2, then close.</summary>
    Timeout,

    /// <summary><see cref="SmtpServerLimits.MaxBadCommands"/> reached: 421 4.7.0, then close.</summary>
    TooManyErrors,

    /// <summary><see cref="SmtpServerLimits.MaxJunkCommands"/> reached: 421 4.7.0, then close.</summary>
    TooManyJunkCommands,

    /// <summary><see cref="SmtpServerLimits.MaxConcurrentConnections"/> reached: 421 4.3.2, then close.</summary>
    TooManyConnections,

    /// <summary><see cref="SmtpServerLimits.MaxConnectionsPerIpPerMinute"/> reached: 421 4.7.0, then close.</summary>
    ConnectionRateExceeded,

    /// <summary>The server is stopping: 421 4.3.2, then close.</summary>
    ShuttingDown,

    /// <summary>The application's handler threw: 451 4.3.0 (our fault, logged as an error; the connection stays).</summary>
    HandlerFailed,
}
