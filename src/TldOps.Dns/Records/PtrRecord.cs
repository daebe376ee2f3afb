using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>A PTR record: the name the owner points to (RFC 1035 §3.3.12).</summary>
public sealed class PtrRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public PtrRecord(string name, uint timeToLive, string target)
        : base(name, DnsRecordType.PTR, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>The target name.</summary>
    public string Target { get; }

    /// <inheritdoc/>
    protected override string FormatData() => PresentationText.Fqdn(Target);
}
