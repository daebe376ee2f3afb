using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>A next-secure record proving what does not exist (RFC 4034 §4).</summary>
public sealed class NsecRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public NsecRecord(string name, uint timeToLive, string nextDomainName, IReadOnlyList<DnsRecordType> types)
        : base(name, DnsRecordType.NSEC, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(nextDomainName);
        ArgumentNullException.ThrowIfNull(types);
        NextDomainName = nextDomainName;
        Types = types;
    }

    /// <summary>The next owner name in the zone's canonical order.</summary>
    public string NextDomainName { get; }

    /// <summary>The types present at the owner name, from the type bitmap, ascending.</summary>
    public IReadOnlyList<DnsRecordType> Types { get; }

    /// <inheritdoc/>
    protected override string FormatData() => $"{PresentationText.Fqdn(NextDomainName)} {PresentationText.Types(Types)}".TrimEnd();
}
