using TldOps.Dns.Records;

namespace TldOps.Dns;

/// <summary>
/// The result of <see cref="DnsResolver.LookupTxtAsync"/>. Each record keeps its strings apart;
/// DKIM and DMARC join them with <see cref="TxtRecord.JoinText"/>.
/// </summary>
public sealed class DnsTxtResult
{
    internal DnsTxtResult(DnsOutcome outcome, string name, IReadOnlyList<TxtRecord> records)
    {
        Outcome = outcome;
        Name = name;
        Records = records;
    }

    /// <summary>How the lookup ended.</summary>
    public DnsOutcome Outcome { get; }

    /// <summary>The queried name in ASCII form.</summary>
    public string Name { get; }

    /// <summary>The TXT records, in the order received; empty unless the outcome is success.</summary>
    public IReadOnlyList<TxtRecord> Records { get; }
}
