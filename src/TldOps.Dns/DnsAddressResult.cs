using System.Net;

namespace TldOps.Dns;

/// <summary>The result of <see cref="DnsResolver.ResolveAddressesAsync"/>: A and AAAA together.</summary>
public sealed class DnsAddressResult
{
    internal DnsAddressResult(
        DnsOutcome outcome, string host, IReadOnlyList<IPAddress> ipv4Addresses, IReadOnlyList<IPAddress> ipv6Addresses,
        DnsOutcome ipv4Outcome, DnsOutcome ipv6Outcome)
    {
        Outcome = outcome;
        Host = host;
        IPv4Addresses = ipv4Addresses;
        IPv6Addresses = ipv6Addresses;
        IPv4Outcome = ipv4Outcome;
        IPv6Outcome = ipv6Outcome;
        Addresses = [.. ipv6Addresses, .. ipv4Addresses];
    }

    /// <summary>
    /// <see cref="DnsOutcome.Success"/> when either family has an address; otherwise NxDomain if
    /// either lookup says so, NoData if both do, else the failure of the lookup that failed.
    /// </summary>
    public DnsOutcome Outcome { get; }

    /// <summary>The host in ASCII form.</summary>
    public string Host { get; }

    /// <summary>All addresses, IPv6 first (the RFC 6724 §10.3 default policy), then IPv4.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>The A records' addresses.</summary>
    public IReadOnlyList<IPAddress> IPv4Addresses { get; }

    /// <summary>The AAAA records' addresses.</summary>
    public IReadOnlyList<IPAddress> IPv6Addresses { get; }

    /// <summary>How the A lookup ended.</summary>
    public DnsOutcome IPv4Outcome { get; }

    /// <summary>How the AAAA lookup ended.</summary>
    public DnsOutcome IPv6Outcome { get; }
}
