using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>An NS record: the name of an authoritative server for the owner's zone (RFC 1035 §3.3.11).</summary>
public sealed class NsRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public NsRecord(string name, uint timeToLive, string nameServer)
        : base(name, DnsRecordType.NS, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(nameServer);
        NameServer = nameServer;
    }

    /// <summary>The name server.</summary>
    public string NameServer { get; }

    /// <inheritdoc/>
    protected override string FormatData() => PresentationText.Fqdn(NameServer);
}
