using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>
/// A DNSSEC signature over one RRset (RFC 4034 §3). The validity times are seconds since 1970 in
/// 32-bit serial arithmetic (RFC 4034 §3.1.5), kept raw; <see cref="Expiration"/> and
/// <see cref="Inception"/> read them as dates in the current 136-year window.
/// </summary>
public sealed class RrsigRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public RrsigRecord(
        string name, uint timeToLive, DnsRecordType typeCovered, byte algorithm, byte labels, uint originalTimeToLive,
        uint signatureExpiration, uint signatureInception, ushort keyTag, string signerName, ReadOnlyMemory<byte> signature)
        : base(name, DnsRecordType.RRSIG, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(signerName);
        TypeCovered = typeCovered;
        Algorithm = algorithm;
        Labels = labels;
        OriginalTimeToLive = originalTimeToLive;
        SignatureExpiration = signatureExpiration;
        SignatureInception = signatureInception;
        KeyTag = keyTag;
        SignerName = signerName;
        Signature = signature;
    }

    /// <summary>The type of the RRset this signature covers.</summary>
    public DnsRecordType TypeCovered { get; }

    /// <summary>The DNSSEC algorithm number.</summary>
    public byte Algorithm { get; }

    /// <summary>The number of labels in the original owner name, wildcard label not counted.</summary>
    public byte Labels { get; }

    /// <summary>The TTL of the covered RRset as it is in the signed zone.</summary>
    public uint OriginalTimeToLive { get; }

    /// <summary>The end of validity, seconds since 1970 modulo 2^32.</summary>
    public uint SignatureExpiration { get; }

    /// <summary>The start of validity, seconds since 1970 modulo 2^32.</summary>
    public uint SignatureInception { get; }

    /// <summary>The key tag of the DNSKEY that made the signature.</summary>
    public ushort KeyTag { get; }

    /// <summary>The zone that signed (the owner of that DNSKEY).</summary>
    public string SignerName { get; }

    /// <summary>The signature in the algorithm's format.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The end of validity as a date (before 2106 the raw value is plain Unix time).</summary>
    public DateTimeOffset Expiration => DateTimeOffset.FromUnixTimeSeconds(SignatureExpiration);

    /// <summary>The start of validity as a date.</summary>
    public DateTimeOffset Inception => DateTimeOffset.FromUnixTimeSeconds(SignatureInception);

    /// <inheritdoc/>
    protected override string FormatData() =>
        $"{PresentationText.Type(TypeCovered)} {Algorithm} {Labels} {OriginalTimeToLive} " +
        $"{PresentationText.Timestamp(SignatureExpiration)} {PresentationText.Timestamp(SignatureInception)} {KeyTag} " +
        $"{PresentationText.Fqdn(SignerName)} {PresentationText.Base64(Signature.Span)}";
}
