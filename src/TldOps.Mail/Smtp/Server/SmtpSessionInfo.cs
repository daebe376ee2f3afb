using System.Net;
using System.Security.Authentication;

namespace TldOps.Mail.Smtp.Server;

/// <summary>What the application may know about the connection a recipient or message came over.</summary>
public sealed record SmtpSessionInfo
{
    /// <summary>A short identifier, unique within this server instance, for correlating logs.</summary>
    public required string SessionId { get; init; }

    /// <summary>The client's address and port.</summary>
    public required IPEndPoint RemoteEndPoint { get; init; }

    /// <summary>Our address and port.</summary>
    public required IPEndPoint LocalEndPoint { get; init; }

    /// <summary>SMTP or LMTP.</summary>
    public required SmtpProtocol Protocol { get; init; }

    /// <summary>The name the client gave in EHLO, HELO or LHLO (unverified), or null before it did.</summary>
    public string? HeloName { get; init; }

    /// <summary>True after a successful STARTTLS.</summary>
    public bool IsSecure { get; init; }

    /// <summary>The negotiated TLS version, or <see cref="SslProtocols.None"/> without TLS.</summary>
    public SslProtocols TlsProtocol { get; init; }

    /// <summary>When the connection was accepted.</summary>
    public required DateTimeOffset ConnectedAt { get; init; }
}
