using System.Net;
using System.Net.Sockets;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>An IPv4 address record (RFC 1035 §3.4.1).</summary>
public sealed class ARecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv4.</exception>
    public ARecord(string name, uint timeToLive, IPAddress address)
        : base(name, DnsRecordType.A, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("An A record holds an IPv4 address.", nameof(address));
        }

        Address = address;
    }

    /// <summary>The IPv4 address.</summary>
    public IPAddress Address { get; }

    /// <inheritdoc/>
    protected override string FormatData() => Address.ToString();
}
