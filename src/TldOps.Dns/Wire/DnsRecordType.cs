namespace TldOps.Dns.Wire;

/// <summary>
/// Resource record types (IANA "Resource Record (RR) TYPEs" registry). Any 16-bit value is legal on
/// the wire; values without a name here are kept as <see cref="Records.UnknownRecord"/> (RFC 3597).
/// </summary>
public enum DnsRecordType : ushort
{
    /// <summary>An IPv4 address (RFC 1035 §3.4.1).</summary>
    A = 1,

    /// <summary>An authoritative name server (RFC 1035 §3.3.11).</summary>
    NS = 2,

    /// <summary>The canonical name for an alias (RFC 1035 §3.3.1).</summary>
    CNAME = 5,

    /// <summary>The start of a zone of authority (RFC 1035 §3.3.13).</summary>
    SOA = 6,

    /// <summary>A domain name pointer (RFC 1035 §3.3.12).</summary>
    PTR = 12,

    /// <summary>A mail exchange (RFC 1035 §3.3.9, RFC 7505 for the null MX).</summary>
    MX = 15,

    /// <summary>Text strings (RFC 1035 §3.3.14).</summary>
    TXT = 16,

    /// <summary>An IPv6 address (RFC 3596).</summary>
    AAAA = 28,

    /// <summary>A service location (RFC 2782).</summary>
    SRV = 33,

    /// <summary>The EDNS(0) pseudo-record (RFC 6891).</summary>
    OPT = 41,

    /// <summary>A delegation signer (RFC 4034 §5).</summary>
    DS = 43,

    /// <summary>A DNSSEC signature (RFC 4034 §3).</summary>
    RRSIG = 46,

    /// <summary>Next secure record (RFC 4034 §4).</summary>
    NSEC = 47,

    /// <summary>A DNSSEC public key (RFC 4034 §2).</summary>
    DNSKEY = 48,

    /// <summary>Hashed next secure record (RFC 5155 §3).</summary>
    NSEC3 = 50,

    /// <summary>NSEC3 parameters (RFC 5155 §4).</summary>
    NSEC3PARAM = 51,

    /// <summary>A request for all records (RFC 1035 §3.2.3, RFC 8482); only meaningful in a question.</summary>
    ANY = 255,

    /// <summary>Certification authority authorization (RFC 8659).</summary>
    CAA = 257,
}
