using System.Globalization;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>
/// The start of a zone of authority (RFC 1035 §3.3.13). In a negative answer its
/// <see cref="Minimum"/>, capped by its own TTL, is how long the answer may be cached (RFC 2308 §5).
/// </summary>
public sealed class SoaRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public SoaRecord(
        string name, uint timeToLive, string primaryServer, string responsibleMailbox,
        uint serial, uint refresh, uint retry, uint expire, uint minimum)
        : base(name, DnsRecordType.SOA, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(primaryServer);
        ArgumentNullException.ThrowIfNull(responsibleMailbox);
        PrimaryServer = primaryServer;
        ResponsibleMailbox = responsibleMailbox;
        Serial = serial;
        Refresh = refresh;
        Retry = retry;
        Expire = expire;
        Minimum = minimum;
    }

    /// <summary>MNAME: the primary name server of the zone.</summary>
    public string PrimaryServer { get; }

    /// <summary>RNAME: the mailbox of the person responsible, its first label being the local part.</summary>
    public string ResponsibleMailbox { get; }

    /// <summary>The zone's serial number (compared with RFC 1982 serial arithmetic).</summary>
    public uint Serial { get; }

    /// <summary>Seconds before secondaries check for a new serial.</summary>
    public uint Refresh { get; }

    /// <summary>Seconds before secondaries retry a failed refresh.</summary>
    public uint Retry { get; }

    /// <summary>Seconds after which secondaries stop answering without a refresh.</summary>
    public uint Expire { get; }

    /// <summary>The negative-caching TTL in seconds (RFC 2308 §4).</summary>
    public uint Minimum { get; }

    /// <inheritdoc/>
    protected override string FormatData() => string.Create(
        CultureInfo.InvariantCulture,
        $"{PresentationText.Fqdn(PrimaryServer)} {PresentationText.Fqdn(ResponsibleMailbox)} {Serial} {Refresh} {Retry} {Expire} {Minimum}");
}
