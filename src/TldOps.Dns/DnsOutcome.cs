namespace TldOps.Dns;

/// <summary>How a lookup ended. Only <see cref="Success"/> carries records.</summary>
public enum DnsOutcome
{
    /// <summary>Records of the asked type were found (after following any CNAME chain).</summary>
    Success = 0,

    /// <summary>The name does not exist (NXDOMAIN, RFC 8020: nor does anything below it).</summary>
    NxDomain,

    /// <summary>The name exists but has no records of the asked type (RFC 2308 §2.2).</summary>
    NoData,

    /// <summary>
    /// Every server answered SERVFAIL or another error code, returned a referral instead of an
    /// answer, or the CNAME chain looped or was too long. Transient: try again later.
    /// </summary>
    ServerFailure,

    /// <summary>The servers refused to answer (REFUSED or NOTIMP): a configuration problem, not the name's fault.</summary>
    Refused,

    /// <summary>No server answered within the timeout, over all attempts.</summary>
    Timeout,

    /// <summary>A server's answer matched the query but could not be read, or broke a size limit.</summary>
    Malformed,

    /// <summary>The network refused the exchange (no route, port unreachable, connection reset).</summary>
    NetworkError,
}
