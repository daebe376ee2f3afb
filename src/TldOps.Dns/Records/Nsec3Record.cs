using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>A hashed next-secure record (RFC 5155 §3).</summary>
public sealed class Nsec3Record : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public Nsec3Record(
        string name, uint timeToLive, byte hashAlgorithm, byte flags, ushort iterations,
        ReadOnlyMemory<byte> salt, ReadOnlyMemory<byte> nextHashedOwnerName, IReadOnlyList<DnsRecordType> types)
        : base(name, DnsRecordType.NSEC3, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(types);
        HashAlgorithm = hashAlgorithm;
        Flags = flags;
        Iterations = iterations;
        Salt = salt;
        NextHashedOwnerName = nextHashedOwnerName;
        Types = types;
    }

    /// <summary>The hash algorithm (1 is SHA-1).</summary>
    public byte HashAlgorithm { get; }

    /// <summary>The flags; bit 0 (value 1) is Opt-Out.</summary>
    public byte Flags { get; }

    /// <summary>True when the Opt-Out flag is set.</summary>
    public bool IsOptOut => (Flags & 0x01) != 0;

    /// <summary>Extra hash iterations (RFC 9276 recommends 0).</summary>
    public ushort Iterations { get; }

    /// <summary>The salt (RFC 9276 recommends none).</summary>
    public ReadOnlyMemory<byte> Salt { get; }

    /// <summary>The next hashed owner name, as raw hash octets.</summary>
    public ReadOnlyMemory<byte> NextHashedOwnerName { get; }

    /// <summary>The types present at the original owner name, ascending.</summary>
    public IReadOnlyList<DnsRecordType> Types { get; }

    /// <inheritdoc/>
    protected override string FormatData() =>
        ($"{HashAlgorithm} {Flags} {Iterations} {PresentationText.Hex(Salt.Span)} " +
        $"{PresentationText.Base32Hex(NextHashedOwnerName.Span)} {PresentationText.Types(Types)}").TrimEnd();
}
