using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>A certification authority authorization record (RFC 8659 §4.1).</summary>
public sealed class CaaRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public CaaRecord(string name, uint timeToLive, byte flags, string tag, ReadOnlyMemory<byte> value)
        : base(name, DnsRecordType.CAA, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(tag);
        Flags = flags;
        Tag = tag;
        Value = value;
    }

    /// <summary>The flags octet; bit 0 (value 128) is "issuer critical".</summary>
    public byte Flags { get; }

    /// <summary>True when the issuer-critical flag is set.</summary>
    public bool IsCritical => (Flags & 0x80) != 0;

    /// <summary>The property tag, such as "issue", "issuewild" or "iodef" (octets read as Latin-1).</summary>
    public string Tag { get; }

    /// <summary>The property value, raw.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <inheritdoc/>
    protected override string FormatData() => $"{Flags} {Tag} {PresentationText.Quoted(Value.Span)}";
}
