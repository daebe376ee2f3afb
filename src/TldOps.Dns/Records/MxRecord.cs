using TldOps.Dns.Wire;

namespace TldOps.Dns.Records;

/// <summary>
/// A mail exchange record (RFC 1035 §3.3.9). An exchange of "." with preference 0 is a null MX:
/// the domain accepts no mail (RFC 7505).
/// </summary>
public sealed class MxRecord : DnsRecord
{
    /// <summary>Creates the record.</summary>
    public MxRecord(string name, uint timeToLive, ushort preference, string exchange)
        : base(name, DnsRecordType.MX, timeToLive)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        Preference = preference;
        Exchange = exchange;
    }

    /// <summary>The preference; lower values are tried first.</summary>
    public ushort Preference { get; }

    /// <summary>The host that accepts mail for the owner, or "." for a null MX.</summary>
    public string Exchange { get; }

    /// <summary>True when the exchange is the root: the null MX of RFC 7505.</summary>
    public bool IsNullMx => Exchange == DnsName.Root;

    /// <inheritdoc/>
    protected override string FormatData() => $"{Preference} {PresentationText.Fqdn(Exchange)}";
}
