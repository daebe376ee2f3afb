namespace TldOps.Dns.Wire;

/// <summary>What a message's OPT pseudo-record says (RFC 6891 §6.1.3).</summary>
public sealed class DnsEdns
{
    internal DnsEdns(ushort udpPayloadSize, byte extendedResponseCode, byte version, ushort flags, IReadOnlyList<DnsEdnsOption> options)
    {
        UdpPayloadSize = udpPayloadSize;
        ExtendedResponseCode = extendedResponseCode;
        Version = version;
        Flags = flags;
        Options = options;
    }

    /// <summary>The largest UDP payload the sender can reassemble (values below 512 mean 512, RFC 6891 §6.2.5).</summary>
    public ushort UdpPayloadSize { get; }

    /// <summary>The upper eight bits of the 12-bit response code.</summary>
    public byte ExtendedResponseCode { get; }

    /// <summary>The EDNS version; 0 is the only one defined.</summary>
    public byte Version { get; }

    /// <summary>The 16 flag bits; the top one is DO.</summary>
    public ushort Flags { get; }

    /// <summary>DO: the sender understands DNSSEC records (RFC 3225).</summary>
    public bool DnssecOk => (Flags & 0x8000) != 0;

    /// <summary>The options, raw, in wire order.</summary>
    public IReadOnlyList<DnsEdnsOption> Options { get; }
}
