using System.Net;
using System.Net.Security;
using System.Security.Authentication;

namespace TldOps.Mail.Smtp.Client;

/// <summary>
/// How an <see cref="SmtpClient"/> talks to a server. <see cref="Default"/> is frozen; call
/// <see cref="FreezableOptions{TSelf}.Clone"/> to change a value. Timeouts default to RFC 5321 §4.5.3.2.
/// </summary>
public sealed class SmtpClientOptions : FreezableOptions<SmtpClientOptions>
{
    private string? _localDomain;
    private SmtpProtocol _protocol;
    private SmtpStartTlsPolicy _startTls = SmtpStartTlsPolicy.Opportunistic;
    private RemoteCertificateValidationCallback? _certificateValidation;
    private SslProtocols _tlsProtocols = SslProtocols.None;
    private NetworkCredential? _credentials;
    private bool _allowAuthenticationWithoutTls;
    private bool _usePipelining = true;
    private bool _useChunking = true;
    private TimeSpan _connectTimeout = TimeSpan.FromSeconds(30);
    private TimeSpan _greetingTimeout = TimeSpan.FromMinutes(5);
    private TimeSpan _commandTimeout = TimeSpan.FromMinutes(5);
    private TimeSpan _dataInitiationTimeout = TimeSpan.FromMinutes(2);
    private TimeSpan _dataBlockTimeout = TimeSpan.FromMinutes(3);
    private TimeSpan _dataTerminationTimeout = TimeSpan.FromMinutes(10);
    private int _maxReplyLineLength = 4096;
    private int _maxReplyLines = 100;
    private int _maxPipelinedRecipients = 100;

    /// <summary>The frozen defaults.</summary>
    public static SmtpClientOptions Default { get; } = new SmtpClientOptions().Freeze();

    /// <summary>
    /// The name given in EHLO/HELO/LHLO (RFC 5321 §4.1.1.1 asks for the client's fully qualified
    /// domain name). Default null: the machine's host name.
    /// </summary>
    public string? LocalDomain { get => _localDomain; set => Set(ref _localDomain, value); }

    /// <summary>SMTP or LMTP (LHLO and one reply per recipient). Default SMTP.</summary>
    public SmtpProtocol Protocol { get => _protocol; set => Set(ref _protocol, value); }

    /// <summary>Whether to use STARTTLS. Default <see cref="SmtpStartTlsPolicy.Opportunistic"/>.</summary>
    public SmtpStartTlsPolicy StartTls { get => _startTls; set => Set(ref _startTls, value); }

    /// <summary>
    /// Decides whether the server's certificate is acceptable. Default null: with
    /// <see cref="SmtpStartTlsPolicy.Required"/> the system validates chain and name; with
    /// <see cref="SmtpStartTlsPolicy.Opportunistic"/> any certificate is accepted, since the
    /// alternative is plaintext (RFC 7435 §1.1, Postfix's smtp_tls_security_level = may).
    /// </summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get => _certificateValidation; set => Set(ref _certificateValidation, value); }

    /// <summary>TLS versions to allow; default <see cref="SslProtocols.None"/>, the system's choice.</summary>
    public SslProtocols TlsProtocols { get => _tlsProtocols; set => Set(ref _tlsProtocols, value); }

    /// <summary>
    /// Credentials for AUTH PLAIN or LOGIN (RFC 4954, 4616); null for none. The secret is never
    /// logged.
    /// </summary>
    public NetworkCredential? Credentials { get => _credentials; set => Set(ref _credentials, value); }

    /// <summary>Whether AUTH may be sent over a connection without TLS. Default false.</summary>
    public bool AllowAuthenticationWithoutTls { get => _allowAuthenticationWithoutTls; set => Set(ref _allowAuthenticationWithoutTls, value); }

    /// <summary>Whether to pipeline commands when the server offers PIPELINING (RFC 2920). Default true.</summary>
    public bool UsePipelining { get => _usePipelining; set => Set(ref _usePipelining, value); }

    /// <summary>Whether to send with BDAT when the server offers CHUNKING (RFC 3030). Default true.</summary>
    public bool UseChunking { get => _useChunking; set => Set(ref _useChunking, value); }

    /// <summary>Opening the TCP connection. Default 30 seconds: Postfix's smtp_connect_timeout.</summary>
    public TimeSpan ConnectTimeout { get => _connectTimeout; set => SetTimeout(ref _connectTimeout, value); }

    /// <summary>Waiting for the 220 greeting, and for EHLO/HELO replies. Default 5 minutes: RFC 5321 §4.5.3.2.1.</summary>
    public TimeSpan GreetingTimeout { get => _greetingTimeout; set => SetTimeout(ref _greetingTimeout, value); }

    /// <summary>Each other command's reply (MAIL, RCPT, RSET, AUTH, STARTTLS…). Default 5 minutes: RFC 5321 §4.5.3.2.2–3.</summary>
    public TimeSpan CommandTimeout { get => _commandTimeout; set => SetTimeout(ref _commandTimeout, value); }

    /// <summary>Waiting for 354 after DATA. Default 2 minutes: RFC 5321 §4.5.3.2.4.</summary>
    public TimeSpan DataInitiationTimeout { get => _dataInitiationTimeout; set => SetTimeout(ref _dataInitiationTimeout, value); }

    /// <summary>Each write of message content. Default 3 minutes: RFC 5321 §4.5.3.2.5.</summary>
    public TimeSpan DataBlockTimeout { get => _dataBlockTimeout; set => SetTimeout(ref _dataBlockTimeout, value); }

    /// <summary>The reply after the end of the content. Default 10 minutes: RFC 5321 §4.5.3.2.6.</summary>
    public TimeSpan DataTerminationTimeout { get => _dataTerminationTimeout; set => SetTimeout(ref _dataTerminationTimeout, value); }

    /// <summary>
    /// Longest reply line accepted, in octets. Default 4096: RFC 5321 §4.5.3.1.5 allows 512, and
    /// real servers send longer text. Longer lines break the connection as malformed. 512 to 65536.
    /// </summary>
    public int MaxReplyLineLength { get => _maxReplyLineLength; set => SetInRange(ref _maxReplyLineLength, value, 512, 65536); }

    /// <summary>Most lines in one reply. Default 100 (an EHLO reply has a dozen or two). 10 to 10,000.</summary>
    public int MaxReplyLines { get => _maxReplyLines; set => SetInRange(ref _maxReplyLines, value, 10, 10_000); }

    /// <summary>
    /// Most RCPT commands sent before reading replies. Default 100: the replies then fit any
    /// socket buffer, so a pipelining client and server cannot both block writing (RFC 2920 §3.1).
    /// 1 to 10,000.
    /// </summary>
    public int MaxPipelinedRecipients { get => _maxPipelinedRecipients; set => SetInRange(ref _maxPipelinedRecipients, value, 1, 10_000); }

    // Every timeout: at least a millisecond, at most an hour.
    private void SetTimeout(ref TimeSpan field, TimeSpan value) =>
        SetInRange(ref field, value, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
}
