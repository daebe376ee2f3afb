using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>
/// A resource record (RFC 1035 §4.1.3). Each known type has a sealed subclass holding its parsed
/// RDATA; others are <see cref="UnknownRecord"/>. Names are in presentation form without the
/// trailing dot (see <see cref="DnsName"/>).
/// </summary>
public abstract class DnsRecord
{
    /// <summary>Creates the parts every record has.</summary>
    /// <param name="name">The owner name.</param>
    /// <param name="type">The record type.</param>
    /// <param name="timeToLive">The time to live in seconds.</param>
    protected DnsRecord(string name, DnsRecordType type, uint timeToLive)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Type = type;
        TimeToLive = timeToLive;
    }

    /// <summary>The owner name.</summary>
    public string Name { get; }

    /// <summary>The record type.</summary>
    public DnsRecordType Type { get; }

    /// <summary>The class; <see cref="DnsClass.IN"/> unless set.</summary>
    public DnsClass Class { get; init; } = DnsClass.IN;

    /// <summary>
    /// The time to live in seconds. Values with the top bit set are read as 0 (RFC 2181 §8), so
    /// this never exceeds 2^31 - 1.
    /// </summary>
    public uint TimeToLive { get; }

    /// <summary>The record in zone-file form, for logs and diagnostics.</summary>
    public override string ToString() =>
        $"{PresentationText.Fqdn(Name)} {TimeToLive} {PresentationText.Class(Class)} {PresentationText.Type(Type)} {FormatData()}";

    /// <summary>The RDATA in zone-file form.</summary>
    protected abstract string FormatData();
}
