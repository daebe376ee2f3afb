namespace TldOps.Mail.Smtp.Server;

/// <summary>One reply the server sends for a rejection; <see cref="Closes"/> means it hangs up after it.</summary>
internal readonly record struct SmtpRejectReply(int Code, string Status, string Text, bool Closes);

/// <summary>The one table from <see cref="SmtpRejectReason"/> to reply code, RFC 3463 status and text.</summary>
internal static class SmtpRejectReplies
{
    public static SmtpRejectReply For(SmtpRejectReason reason) => reason switch
    {
        SmtpRejectReason.LineTooLong => new(500, "5.5.2", "Line too long", false),
        SmtpRejectReason.BareLineFeed => new(500, "5.5.2", "Bare LF received; end lines with CRLF (RFC 5321 section 2.3.8)", false),
        SmtpRejectReason.BareLineFeedInData => new(554, "5.6.0", "Message contains a bare LF; end lines with CRLF (RFC 5321 section 2.3.8)", false),
        SmtpRejectReason.UnrecognizedCommand => new(500, "5.5.1", "Command unrecognized", false),
        SmtpRejectReason.CommandNotImplemented => new(502, "5.5.1", "Command not implemented", false),
        SmtpRejectReason.SyntaxError => new(501, "5.5.4", "Syntax error in parameters or arguments", false),
        SmtpRejectReason.InvalidSenderAddress => new(501, "5.1.7", "Bad sender address syntax", false),
        SmtpRejectReason.InvalidRecipientAddress => new(501, "5.1.3", "Bad recipient address syntax", false),
        SmtpRejectReason.BadSequence => new(503, "5.5.1", "Bad sequence of commands", false),
        SmtpRejectReason.UnknownParameter => new(555, "5.5.4", "Parameter not recognized or not implemented", false),
        SmtpRejectReason.LhloRequired => new(500, "5.5.1", "This is an LMTP server; say LHLO", false),
        SmtpRejectReason.Utf8AddressWithoutSmtpUtf8 => new(553, "5.6.7", "Non-ASCII address requires the SMTPUTF8 parameter", false),
        SmtpRejectReason.TooManyRecipients => new(452, "4.5.3", "Too many recipients", false),
        SmtpRejectReason.DeclaredSizeTooLarge => new(552, "5.3.4", "Message size exceeds fixed maximum message size", false),
        SmtpRejectReason.MessageTooLarge => new(552, "5.3.4", "Message size exceeds fixed maximum message size", false),
        SmtpRejectReason.NoValidRecipients => new(554, "5.5.1", "No valid recipients", false),
        SmtpRejectReason.TlsNotAvailable => new(454, "4.7.0", "TLS not available", false),
        SmtpRejectReason.TlsAlreadyActive => new(503, "5.5.1", "TLS already active", false),
        SmtpRejectReason.PipeliningAfterStartTls => new(554, "5.5.1", "Command pipelining after STARTTLS is not allowed", true),
        SmtpRejectReason.TlsHandshakeFailed => new(421, "4.7.0", "TLS handshake failed", true),
        SmtpRejectReason.Timeout => new(421, "4.4.2", "Timeout exceeded; closing connection", true),
        SmtpRejectReason.TooManyErrors => new(421, "4.7.0", "Too many errors; closing connection", true),
        SmtpRejectReason.TooManyJunkCommands => new(421, "4.7.0", "Too many commands without mail; closing connection", true),
        SmtpRejectReason.TooManyConnections => new(421, "4.3.2", "Too many connections; try again later", true),
        SmtpRejectReason.ConnectionRateExceeded => new(421, "4.7.0", "Too many connections from your address; try again later", true),
        SmtpRejectReason.ShuttingDown => new(421, "4.3.2", "Service shutting down; try again later", true),
        SmtpRejectReason.HandlerFailed => new(451, "4.3.0", "Local error in processing; try again later", false),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown reject reason."),
    };

    /// <summary>Whether the reason counts toward <see cref="SmtpServerLimits.MaxBadCommands"/>.</summary>
    public static bool CountsAsError(SmtpRejectReason reason) => reason is
        SmtpRejectReason.LineTooLong or SmtpRejectReason.BareLineFeed or SmtpRejectReason.UnrecognizedCommand
        or SmtpRejectReason.CommandNotImplemented or SmtpRejectReason.SyntaxError
        or SmtpRejectReason.InvalidSenderAddress or SmtpRejectReason.InvalidRecipientAddress
        or SmtpRejectReason.BadSequence or SmtpRejectReason.UnknownParameter or SmtpRejectReason.LhloRequired;
}
