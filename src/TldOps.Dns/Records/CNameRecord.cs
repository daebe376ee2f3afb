using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>A CNAME record: the canonical name the owner is an alias for (RFC 1035 §3.3.1).</summary>
public sealed class CNameRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public CNameRecord(string name, uint timeToLive, string target)
        : base(name, DnsRecordType.CNAME, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>The name the owner is an alias for.</summary>
    public string Target { get; }

    /// <inheritdoc/>
    protected override string FormatData() => PresentationText.Fqdn(Target);
}
