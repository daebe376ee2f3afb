using System.Net;
using TldOps.Dns.Wire;

namespace TldOps.Dns;

/// <summary>The result of asking the servers one question: what the cache stores.</summary>
internal sealed record DnsExchange(DnsOutcome Outcome, DnsMessage? Message, IPEndPoint? Server, DnsTransport? Transport)
{
    public bool FromCache { get; init; }

    /// <summary>True when the outcome is an answer about the name (positive or negative), not a failure to get one.</summary>
    public bool IsAnswer => Outcome is DnsOutcome.Success or DnsOutcome.NoData or DnsOutcome.NxDomain;
}
