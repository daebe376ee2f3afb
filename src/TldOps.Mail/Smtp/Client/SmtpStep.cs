namespace TldOps.Mail.Smtp.Client;

/// <summary>Where in the conversation a reply or a failure happened.</summary>
public enum SmtpStep
{
    /// <summary>Opening the TCP connection.</summary>
    Connect,

    /// <summary>Waiting for the server's 220 greeting.</summary>
    Greeting,

    /// <summary>EHLO (RFC 5321 §4.1.1.1).</summary>
    Ehlo,

    /// <summary>HELO, the fallback when EHLO is not understood.</summary>
    Helo,

    /// <summary>LHLO (RFC 2033 §4.1).</summary>
    Lhlo,

    /// <summary>STARTTLS and the TLS handshake (RFC 3207).</summary>
    StartTls,

    /// <summary>AUTH (RFC 4954).</summary>
    Auth,

    /// <summary>RSET between transactions.</summary>
    Reset,

    /// <summary>MAIL FROM.</summary>
    MailFrom,

    /// <summary>RCPT TO.</summary>
    RcptTo,

    /// <summary>DATA, waiting for 354.</summary>
    Data,

    /// <summary>BDAT (RFC 3030).</summary>
    Bdat,

    /// <summary>The reply after the message content (end of DATA or BDAT LAST).</summary>
    DataEnd,

    /// <summary>NOOP.</summary>
    Noop,

    /// <summary>QUIT.</summary>
    Quit,

    /// <summary>
    /// Nothing was sent: the server's extensions cannot carry this message or recipient (SIZE
    /// exceeded, 8-bit data without 8BITMIME, UTF-8 without SMTPUTF8).
    /// </summary>
    CapabilityCheck,
}
