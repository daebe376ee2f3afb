using System.Net;
using System.Security.Cryptography.X509Certificates;
using TldOps.Mail.Smtp.Server;

namespace TldOps.Mail.Smtp.Sink;

/// <summary>How an <see cref="SmtpSink"/> listens and what it keeps.</summary>
public sealed class SmtpSinkOptions
{
    /// <summary>Where to listen; default 127.0.0.1 on a free port.</summary>
    public IPEndPoint EndPoint { get; set; } = new(IPAddress.Loopback, 0);

    /// <summary>SMTP or LMTP; default SMTP.</summary>
    public SmtpProtocol Protocol { get; set; } = SmtpProtocol.Smtp;

    /// <summary>
    /// Where each message is written as NNNNNNNN.eml with its envelope in NNNNNNNN.json; null to
    /// write nothing (counting only, for benchmarks). Numbering continues after the highest
    /// number already in the folder.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>Whether received messages are also kept in memory (<see cref="SmtpSink.Messages"/>); default false.</summary>
    public bool KeepInMemory { get; set; }

    /// <summary>
    /// The server's limits. Default: <see cref="SmtpServerLimits.Default"/> without the per-IP
    /// connection rate limit and with 1,000 connections, since a sink's clients are tests and
    /// benchmarks on the same machine, which open connections much faster than a real peer.
    /// </summary>
    public SmtpServerLimits Limits { get; set; } = SinkDefaults;

    private static SmtpServerLimits SinkDefaults { get; } = CreateSinkDefaults();

    private static SmtpServerLimits CreateSinkDefaults()
    {
        var limits = SmtpServerLimits.Default.Clone();
        limits.MaxConnectionsPerIpPerMinute = null;
        limits.MaxConcurrentConnections = 1000;
        return limits.Freeze();
    }

    /// <summary>The name in the greeting; default "sink.localhost".</summary>
    public string ServerName { get; set; } = "sink.localhost";

    /// <summary>A certificate to offer STARTTLS with; null for none.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// Decides about each recipient (for tests of refusals); null accepts everyone.
    /// </summary>
    public Func<SmtpAddress, SmtpDecision>? RecipientPolicy { get; set; }
}
