using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace TldOps.Mail.Smtp.Server;

/// <summary>How an <see cref="SmtpServer"/> listens and what it offers.</summary>
public sealed class SmtpServerOptions
{
    /// <summary>
    /// The name the server gives in its greeting and EHLO reply (RFC 5321 §4.1.1.1 asks for the
    /// server's fully qualified domain name). Default "localhost".
    /// </summary>
    public string ServerName { get; set; } = "localhost";

    /// <summary>Where to listen; at least one is needed.</summary>
    public IList<SmtpEndpoint> Endpoints { get; } = [];

    /// <summary>The limits; default <see cref="SmtpServerLimits.Default"/>.</summary>
    public SmtpServerLimits Limits { get; set; } = SmtpServerLimits.Default;

    /// <summary>
    /// The certificate (with its private key) for STARTTLS (RFC 3207); null to offer no TLS. See
    /// <see cref="SmtpServerCertificates"/> to load one from files or make a self-signed one.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>TLS versions to allow; default <see cref="SslProtocols.None"/>, the system's choice.</summary>
    public SslProtocols TlsProtocols { get; set; } = SslProtocols.None;

    /// <summary>
    /// Whether message data holding an LF without CR is refused with
    /// <see cref="SmtpRejectReason.BareLineFeedInData"/>. Default true, like Postfix 3.9's
    /// smtpd_forbid_bare_newline: RFC 5321 §2.3.8 forbids bare LF, and tolerating it is how
    /// SMTP smuggling slips a second message past a filter.
    /// </summary>
    public bool RejectBareLineFeed { get; set; } = true;

    /// <summary>
    /// Messages up to this many octets stay in memory; larger ones are spooled to a temporary file
    /// in <see cref="SpoolDirectory"/>, so that connections × this bounds the memory messages use.
    /// Default 1 MiB (Kestrel buffers request bodies in memory up to the same order of size).
    /// </summary>
    public int SpoolThreshold { get; set; } = 1 << 20;

    /// <summary>Where large messages are spooled; default the system temporary folder.</summary>
    public string? SpoolDirectory { get; set; }

    /// <summary>Limits for MAIL FROM and RCPT TO paths; default <see cref="SmtpAddressParserOptions.Default"/>.</summary>
    public SmtpAddressParserOptions AddressOptions { get; set; } = SmtpAddressParserOptions.Default;
}
