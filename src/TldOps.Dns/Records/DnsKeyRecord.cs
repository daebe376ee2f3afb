using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>A DNSSEC public key (RFC 4034 §2).</summary>
public sealed class DnsKeyRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public DnsKeyRecord(string name, uint timeToLive, ushort flags, byte protocol, byte algorithm, ReadOnlyMemory<byte> publicKey)
        : base(name, DnsRecordType.DNSKEY, timeToLive)
    {
        Flags = flags;
        Protocol = protocol;
        Algorithm = algorithm;
        PublicKey = publicKey;
        KeyTag = ComputeKeyTag(flags, protocol, algorithm, publicKey.Span);
    }

    /// <summary>The flags: 256 is the Zone Key bit, 1 the Secure Entry Point bit (a KSK has 257).</summary>
    public ushort Flags { get; }

    /// <summary>True when the Zone Key flag is set (RFC 4034 §2.1.1).</summary>
    public bool IsZoneKey => (Flags & 0x0100) != 0;

    /// <summary>True when the Secure Entry Point flag is set, as on key-signing keys.</summary>
    public bool IsSecureEntryPoint => (Flags & 0x0001) != 0;

    /// <summary>The protocol; must be 3 (RFC 4034 §2.1.2).</summary>
    public byte Protocol { get; }

    /// <summary>The DNSSEC algorithm number.</summary>
    public byte Algorithm { get; }

    /// <summary>The public key in the algorithm's format.</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>The key tag that DS and RRSIG records use to name this key (RFC 4034 Appendix B).</summary>
    public ushort KeyTag { get; }

    /// <inheritdoc/>
    protected override string FormatData() => $"{Flags} {Protocol} {Algorithm} {PresentationText.Base64(PublicKey.Span)}";

    private static ushort ComputeKeyTag(ushort flags, byte protocol, byte algorithm, ReadOnlySpan<byte> key)
    {
        // Algorithm 1 (RSA/MD5) uses the last 24 bits of the modulus instead (RFC 4034 B.1).
        if (algorithm == 1)
        {
            return key.Length < 3 ? (ushort)0 : (ushort)((key[^3] << 8) | key[^2]);
        }

        // The one's-complement-like sum of the RDATA as 16-bit words (RFC 4034 Appendix B).
        uint sum = flags;
        sum += (uint)((protocol << 8) | algorithm);
        for (var i = 0; i < key.Length; i++)
        {
            sum += (i & 1) == 0 ? (uint)key[i] << 8 : key[i];
        }

        sum += (sum >> 16) & 0xFFFF;
        return (ushort)(sum & 0xFFFF);
    }
}
