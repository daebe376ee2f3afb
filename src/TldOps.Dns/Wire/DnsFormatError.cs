namespace TldOps.Dns.Wire;

/// <summary>Why a DNS message could not be read; carried by <see cref="DnsFormatException"/>.</summary>
public enum DnsFormatError
{
    /// <summary>The message ends before the structure being read (a field, a label or RDATA).</summary>
    Truncated = 1,

    /// <summary>The message is longer than <see cref="DnsParserOptions.MaxMessageSize"/>.</summary>
    MessageTooLarge,

    /// <summary>A label uses the reserved length prefixes 01 or 10 (RFC 1035 §4.1.4, RFC 6891 §5).</summary>
    ReservedLabelType,

    /// <summary>A name is longer than 255 octets in wire form (RFC 1035 §2.3.4).</summary>
    NameTooLong,

    /// <summary>
    /// A compression pointer points at or after the name segment that holds it. Only strictly
    /// backward pointers are followed, which makes pointer loops impossible.
    /// </summary>
    ForwardPointer,

    /// <summary>A compression pointer points into the 12-byte header, where no name can start.</summary>
    PointerIntoHeader,

    /// <summary>A name needs more compression pointers than <see cref="DnsParserOptions.MaxPointerHops"/>.</summary>
    TooManyPointers,

    /// <summary>The header announces more records than <see cref="DnsParserOptions.MaxRecordCount"/>.</summary>
    TooManyRecords,

    /// <summary>A record's RDATA is shorter or longer than its type's layout requires.</summary>
    InvalidRecordData,

    /// <summary>An OPT pseudo-record is misplaced, repeated, not owned by the root, or has bad options (RFC 6891 §6.1.1).</summary>
    InvalidOpt,
}
