using System.Net;
using System.Net.Sockets;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>An IPv6 address record (RFC 3596 §2).</summary>
public sealed class AaaaRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv6.</exception>
    public AaaaRecord(string name, uint timeToLive, IPAddress address)
        : base(name, DnsRecordType.AAAA, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("An AAAA record holds an IPv6 address.", nameof(address));
        }

        Address = address;
    }

    /// <summary>The IPv6 address.</summary>
    public IPAddress Address { get; }

    /// <inheritdoc/>
    protected override string FormatData() => Address.ToString();
}
