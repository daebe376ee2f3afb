namespace TldOps.Dns;

/// <summary>How an answer was obtained.</summary>
public enum DnsTransport
{
    /// <summary>A UDP datagram exchange.</summary>
    Udp = 0,

    /// <summary>A TCP exchange, after a truncated (TC=1) UDP answer (RFC 7766 §5).</summary>
    Tcp,
}
