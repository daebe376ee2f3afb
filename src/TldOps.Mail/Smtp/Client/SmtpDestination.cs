using System.Net;

namespace TldOps.Mail.Smtp.Client;

/// <summary>
/// Where a pooled connection goes and how: host, port, TLS policy, credentials and protocol.
/// Connections are shared only between equal destinations. The password takes part in equality
/// but never appears in <see cref="ToString"/>.
/// </summary>
public sealed class SmtpDestination : IEquatable<SmtpDestination>
{
    /// <summary>Creates a destination.</summary>
    public SmtpDestination(string host, int port = 25, SmtpStartTlsPolicy startTls = SmtpStartTlsPolicy.Opportunistic, NetworkCredential? credentials = null, SmtpProtocol protocol = SmtpProtocol.Smtp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Host = host;
        Port = port;
        StartTls = startTls;
        Credentials = credentials;
        Protocol = protocol;
    }

    /// <summary>The server's name or address (a smarthost, or a domain's MX host).</summary>
    public string Host { get; }

    /// <summary>The TCP port; 25 by default.</summary>
    public int Port { get; }

    /// <summary>The STARTTLS policy for connections to this destination.</summary>
    public SmtpStartTlsPolicy StartTls { get; }

    /// <summary>Credentials for AUTH, or null.</summary>
    public NetworkCredential? Credentials { get; }

    /// <summary>SMTP or LMTP.</summary>
    public SmtpProtocol Protocol { get; }

    /// <inheritdoc />
    public bool Equals(SmtpDestination? other) =>
        other is not null
        && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
        && Port == other.Port
        && StartTls == other.StartTls
        && Protocol == other.Protocol
        && string.Equals(Credentials?.UserName, other.Credentials?.UserName, StringComparison.Ordinal)
        && string.Equals(Credentials?.Password, other.Credentials?.Password, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SmtpDestination);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Host), Port, StartTls, Protocol, Credentials?.UserName);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Host}:{Port} ({Protocol}, STARTTLS {StartTls}{(Credentials is null ? string.Empty : $", as {Credentials.UserName}")})";
}
