namespace TldOps.Dns.Wire;

/// <summary>The kind of query in a message header (RFC 1035 §4.1.1, RFC 1996, RFC 2136).</summary>
public enum DnsOpcode : byte
{
    /// <summary>A standard query; the only kind TldOps sends.</summary>
    Query = 0,

    /// <summary>An inverse query (obsoleted by RFC 3425).</summary>
    InverseQuery = 1,

    /// <summary>A server status request.</summary>
    Status = 2,

    /// <summary>A zone change notification (RFC 1996).</summary>
    Notify = 4,

    /// <summary>A dynamic update (RFC 2136).</summary>
    Update = 5,
}
