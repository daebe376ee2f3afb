using System.Net;
using TldOps.Dns.Records;
using TldOps.Dns.Wire;

namespace TldOps.Dns;

/// <summary>The result of <see cref="DnsResolver.QueryAsync"/>.</summary>
public sealed class DnsQueryResult
{
    internal DnsQueryResult(
        DnsOutcome outcome, string name, DnsRecordType type, string canonicalName,
        IReadOnlyList<string> aliases, IReadOnlyList<DnsRecord> records, DnsExchange? last)
    {
        Outcome = outcome;
        Name = name;
        Type = type;
        CanonicalName = canonicalName;
        Aliases = aliases;
        Records = records;
        Response = last?.Message;
        Server = last?.Server;
        Transport = last?.Transport;
        FromCache = last?.FromCache ?? false;
    }

    /// <summary>How the lookup ended.</summary>
    public DnsOutcome Outcome { get; }

    /// <summary>True when <see cref="Outcome"/> is <see cref="DnsOutcome.Success"/>.</summary>
    public bool IsSuccess => Outcome == DnsOutcome.Success;

    /// <summary>The queried name in ASCII form (Unicode names become A-labels).</summary>
    public string Name { get; }

    /// <summary>The queried type.</summary>
    public DnsRecordType Type { get; }

    /// <summary>The name the records belong to: <see cref="Name"/>, or the end of the CNAME chain.</summary>
    public string CanonicalName { get; }

    /// <summary>The names that were aliases (CNAME owners), in the order they were followed.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The records of the queried type owned by <see cref="CanonicalName"/>; empty unless the lookup succeeded.</summary>
    public IReadOnlyList<DnsRecord> Records { get; }

    /// <summary>The last response read, or null when no server gave a readable one.</summary>
    public DnsMessage? Response { get; }

    /// <summary>The server that gave <see cref="Response"/>.</summary>
    public IPEndPoint? Server { get; }

    /// <summary>How <see cref="Response"/> was obtained.</summary>
    public DnsTransport? Transport { get; }

    /// <summary>True when the last step was answered from the cache.</summary>
    public bool FromCache { get; }

    /// <summary>The records of one record class, such as <see cref="MxRecord"/>.</summary>
    public IEnumerable<T> RecordsOf<T>()
        where T : DnsRecord => Records.OfType<T>();
}
