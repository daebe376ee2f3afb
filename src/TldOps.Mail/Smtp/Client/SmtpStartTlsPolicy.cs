namespace TldOps.Mail.Smtp.Client;

/// <summary>Whether the client upgrades the connection with STARTTLS (RFC 3207).</summary>
public enum SmtpStartTlsPolicy
{
    /// <summary>Never use TLS.</summary>
    None,

    /// <summary>
    /// Use TLS when the server offers it, without insisting on a trusted certificate unless a
    /// validation callback is set (opportunistic security, RFC 7435); plaintext otherwise.
    /// </summary>
    Opportunistic,

    /// <summary>Fail when the server does not offer STARTTLS; the certificate is validated.</summary>
    Required,
}
