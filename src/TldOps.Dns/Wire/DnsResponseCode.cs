namespace TldOps.Dns.Wire;

/// <summary>
/// Response codes (RFC 1035 §4.1.1, extended to 12 bits by EDNS, RFC 6891 §6.1.3). Values above 15
/// only appear when the message carries an OPT record.
/// </summary>
public enum DnsResponseCode : ushort
{
    /// <summary>No error.</summary>
    NoError = 0,

    /// <summary>The server could not interpret the query.</summary>
    FormatError = 1,

    /// <summary>The server failed to process the query (for a resolver: could not get an answer).</summary>
    ServerFailure = 2,

    /// <summary>The queried name does not exist (NXDOMAIN).</summary>
    NameError = 3,

    /// <summary>The server does not support this kind of query.</summary>
    NotImplemented = 4,

    /// <summary>The server refuses to answer, by policy.</summary>
    Refused = 5,

    /// <summary>A name exists when it should not (RFC 2136).</summary>
    YXDomain = 6,

    /// <summary>An RRset exists when it should not (RFC 2136).</summary>
    YXRRSet = 7,

    /// <summary>An RRset that should exist does not (RFC 2136).</summary>
    NXRRSet = 8,

    /// <summary>The server is not authoritative for the zone (RFC 2136).</summary>
    NotAuth = 9,

    /// <summary>A name is not within the zone (RFC 2136).</summary>
    NotZone = 10,

    /// <summary>The EDNS version is not supported (RFC 6891 §6.1.3).</summary>
    BadVersion = 16,
}
