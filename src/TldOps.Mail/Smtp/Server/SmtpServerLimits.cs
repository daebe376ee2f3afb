namespace TldOps.Mail.Smtp.Server;

/// <summary>
/// The limits one SMTP/LMTP listener enforces, so that no client (slow, buggy or hostile) can
/// exhaust memory, connections or time. <see cref="Default"/> is frozen; call <see cref="FreezableOptions{TSelf}.Clone"/>
/// to change a value. Every default names where it comes from.
/// </summary>
public sealed class SmtpServerLimits : FreezableOptions<SmtpServerLimits>
{
    private int _maxCommandLineLength = 2048;
    private long _maxMessageSize = 10_240_000;
    private int _maxRecipientsPerMessage = 1000;
    private int _maxBadCommands = 20;
    private int _maxJunkCommands = 100;
    private int _maxConcurrentConnections = 100;
    private int? _maxConnectionsPerIpPerMinute = 120;
    private TimeSpan _idleTimeout = TimeSpan.FromMinutes(5);
    private TimeSpan _maxSessionDuration = TimeSpan.FromMinutes(30);
    private TimeSpan _tlsHandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The frozen defaults.</summary>
    public static SmtpServerLimits Default { get; } = new SmtpServerLimits().Freeze();

    /// <summary>
    /// Longest command line in octets, CRLF included. Default 2048: RFC 5321 §4.5.3.1.4 allows 512,
    /// RFC 1869 §4.1.2 lets each MAIL/RCPT parameter extend it, and SMTPUTF8 addresses take up to
    /// four octets a character; 2048 is Postfix's line_length_limit. A longer line is discarded up
    /// to its end and answered with <see cref="SmtpRejectReason.LineTooLong"/>. Values 512 to 65536.
    /// </summary>
    public int MaxCommandLineLength
    {
        get => _maxCommandLineLength;
        set => SetInRange(ref _maxCommandLineLength, value, 512, 65536);
    }

    /// <summary>
    /// Largest message in octets (after removing dot-stuffing), advertised as SIZE (RFC 1870).
    /// Default 10,240,000: Postfix's message_size_limit. A larger message is read to its end,
    /// discarded and refused with <see cref="SmtpRejectReason.MessageTooLarge"/>.
    /// Values 1,024 to 2^40.
    /// </summary>
    public long MaxMessageSize
    {
        get => _maxMessageSize;
        set => SetInRange(ref _maxMessageSize, value, 1024, 1L << 40);
    }

    /// <summary>
    /// Most recipients in one transaction. Default 1000: Postfix's smtpd_recipient_limit; RFC 5321
    /// §4.5.3.1.8 requires at least 100. Further RCPTs get <see cref="SmtpRejectReason.TooManyRecipients"/>
    /// (452, so the client sends them in another transaction, §4.5.3.1.10). Values 100 to 100,000.
    /// </summary>
    public int MaxRecipientsPerMessage
    {
        get => _maxRecipientsPerMessage;
        set => SetInRange(ref _maxRecipientsPerMessage, value, 100, 100_000);
    }

    /// <summary>
    /// Erroneous commands (unknown, bad syntax, bad sequence, over-long) before the server answers
    /// 421 and hangs up. Default 20: Postfix's smtpd_hard_error_limit. Values 1 to 10,000.
    /// </summary>
    public int MaxBadCommands
    {
        get => _maxBadCommands;
        set => SetInRange(ref _maxBadCommands, value, 1, 10_000);
    }

    /// <summary>
    /// Commands that move no mail (NOOP, RSET, VRFY, HELP, repeated EHLO) allowed between two
    /// delivered messages; the next one is answered 421 and the server hangs up. Default 100: Postfix's
    /// smtpd_junk_command_limit. Values 1 to 1,000,000.
    /// </summary>
    public int MaxJunkCommands
    {
        get => _maxJunkCommands;
        set => SetInRange(ref _maxJunkCommands, value, 1, 1_000_000);
    }

    /// <summary>
    /// Open connections across all endpoints of the server; more are answered 421 and closed.
    /// Default 100: Postfix's default_process_limit. Values 1 to 100,000.
    /// </summary>
    public int MaxConcurrentConnections
    {
        get => _maxConcurrentConnections;
        set => SetInRange(ref _maxConcurrentConnections, value, 1, 100_000);
    }

    /// <summary>
    /// New connections one IP address may open per minute (fixed one-minute windows, as Postfix's
    /// anvil counts with anvil_rate_time_unit = 60s); null for no limit. Default 120: Postfix ships
    /// the limit off, but two a second on average stops a single host from churning connections
    /// while a relay that reuses its connections (Postfix, our own client) never comes near it.
    /// Values 1 to 1,000,000, or null.
    /// </summary>
    public int? MaxConnectionsPerIpPerMinute
    {
        get => _maxConnectionsPerIpPerMinute;
        set
        {
            ThrowIfFrozen();
            if (value is { } perMinute)
            {
                ThrowIfOutOfRange(perMinute, 1, 1_000_000);
            }

            _maxConnectionsPerIpPerMinute = value;
        }
    }

    /// <summary>
    /// Longest wait for the client while the server expects input or is sending a reply. Default 5
    /// minutes: RFC 5321 §4.5.3.2.7 (server timeout). Values 1 second to 1 hour.
    /// </summary>
    public TimeSpan IdleTimeout
    {
        get => _idleTimeout;
        set => SetInRange(ref _idleTimeout, value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    /// <summary>
    /// Longest a connection may last while it waits for the client (time spent in the
    /// application's handler is not cut short). Default 30 minutes: no RFC sets one; it bounds a
    /// client that trickles a byte just inside <see cref="IdleTimeout"/>, and is long enough for
    /// hundreds of default-size messages over a slow link. Values 1 second to 1 day.
    /// </summary>
    public TimeSpan MaxSessionDuration
    {
        get => _maxSessionDuration;
        set => SetInRange(ref _maxSessionDuration, value, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
    }

    /// <summary>
    /// Longest a TLS handshake after STARTTLS may take. Default 10 seconds: Kestrel's
    /// HttpsConnectionAdapterOptions.HandshakeTimeout. Values 1 second to 5 minutes.
    /// </summary>
    public TimeSpan TlsHandshakeTimeout
    {
        get => _tlsHandshakeTimeout;
        set => SetInRange(ref _tlsHandshakeTimeout, value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
    }
}
