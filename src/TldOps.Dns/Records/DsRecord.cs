using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>A delegation signer record, published in the parent zone (RFC 4034 §5).</summary>
public sealed class DsRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public DsRecord(string name, uint timeToLive, ushort keyTag, byte algorithm, byte digestType, ReadOnlyMemory<byte> digest)
        : base(name, DnsRecordType.DS, timeToLive)
    {
        KeyTag = keyTag;
        Algorithm = algorithm;
        DigestType = digestType;
        Digest = digest;
    }

    /// <summary>The key tag of the DNSKEY this record refers to.</summary>
    public ushort KeyTag { get; }

    /// <summary>The DNSSEC algorithm number of that key (IANA registry; 8 RSASHA256, 13 ECDSAP256SHA256, 15 ED25519).</summary>
    public byte Algorithm { get; }

    /// <summary>The digest algorithm (1 SHA-1, 2 SHA-256, 4 SHA-384).</summary>
    public byte DigestType { get; }

    /// <summary>The digest of the DNSKEY.</summary>
    public ReadOnlyMemory<byte> Digest { get; }

    /// <inheritdoc/>
    protected override string FormatData() => $"{KeyTag} {Algorithm} {DigestType} {PresentationText.Hex(Digest.Span)}";
}
