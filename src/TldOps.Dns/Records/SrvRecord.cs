using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>A service location record (RFC 2782).</summary>
public sealed class SrvRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public SrvRecord(string name, uint timeToLive, ushort priority, ushort weight, ushort port, string target)
        : base(name, DnsRecordType.SRV, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(target);
        Priority = priority;
        Weight = weight;
        Port = port;
        Target = target;
    }

    /// <summary>Lower values are tried first.</summary>
    public ushort Priority { get; }

    /// <summary>The relative weight among targets of equal priority.</summary>
    public ushort Weight { get; }

    /// <summary>The service's port.</summary>
    public ushort Port { get; }

    /// <summary>The host providing the service; "." means the service is not offered.</summary>
    public string Target { get; }

    /// <inheritdoc/>
    protected override string FormatData() => $"{Priority} {Weight} {Port} {PresentationText.Fqdn(Target)}";
}
