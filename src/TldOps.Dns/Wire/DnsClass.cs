namespace TldOps.Dns.Wire;

/// <summary>Resource record classes (RFC 1035 §3.2.4). TldOps only queries <see cref="IN"/>.</summary>
public enum DnsClass : ushort
{
    /// <summary>The Internet.</summary>
    IN = 1,

    /// <summary>Chaos (used for server identification such as <c>version.bind</c>).</summary>
    CH = 3,

    /// <summary>Hesiod.</summary>
    HS = 4,

    /// <summary>Any class; only meaningful in a question (RFC 1035 §3.2.5).</summary>
    Any = 255,
}
