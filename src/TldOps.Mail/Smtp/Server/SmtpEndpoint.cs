using System.Net;

namespace TldOps.Mail.Smtp.Server;

/// <summary>One address the server listens on, with the protocol it speaks there.</summary>
public sealed class SmtpEndpoint
{
    /// <summary>Creates an endpoint; use port 0 to let the system pick a free port.</summary>
    public SmtpEndpoint(IPEndPoint endPoint, SmtpProtocol protocol = SmtpProtocol.Smtp)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        EndPoint = endPoint;
        Protocol = protocol;
    }

    /// <summary>The address and port to bind.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>SMTP (RFC 5321) or LMTP (RFC 2033).</summary>
    public SmtpProtocol Protocol { get; }

    /// <summary>A loopback endpoint on a free port, for tests and development.</summary>
    public static SmtpEndpoint Loopback(SmtpProtocol protocol = SmtpProtocol.Smtp) =>
        new(new IPEndPoint(IPAddress.Loopback, 0), protocol);

    /// <inheritdoc />
    public override string ToString() => $"{Protocol.ToString().ToUpperInvariant()} {EndPoint}";
}
