namespace TldOps.Mail.Smtp.Client;

/// <summary>Why an SMTP connection broke.</summary>
public enum SmtpProtocolError
{
    /// <summary>The TCP connection could not be opened (refused, unreachable, name not found).</summary>
    ConnectFailed,

    /// <summary>A step took longer than its timeout.</summary>
    Timeout,

    /// <summary>The server closed the connection or the network failed.</summary>
    ConnectionLost,

    /// <summary>The server answered 421: it is closing the connection (RFC 5321 §3.8).</summary>
    ServiceClosing,

    /// <summary>The server sent something that is not an SMTP reply.</summary>
    MalformedReply,

    /// <summary>TLS is required but the server does not offer STARTTLS.</summary>
    TlsNotOffered,

    /// <summary>The TLS handshake failed, or the certificate was not accepted.</summary>
    TlsHandshakeFailed,

    /// <summary>Credentials are set but no usable AUTH mechanism (or no TLS to protect them) is available.</summary>
    AuthenticationUnavailable,
}
