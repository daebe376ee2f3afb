namespace TldOps.Dns.Wire;

/// <summary>The fixed 12-byte message header (RFC 1035 §4.1.1, RFC 4035 §3.2 for AD and CD).</summary>
public readonly record struct DnsHeader
{
    /// <summary>The header's length on the wire: 12 bytes.</summary>
    public const int Length = 12;

    /// <summary>The query identifier, copied from query to response.</summary>
    public ushort Id { get; init; }

    /// <summary>The 16-bit flags word as sent on the wire (QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE).</summary>
    public ushort Flags { get; init; }

    /// <summary>The number of entries in the question section.</summary>
    public ushort QuestionCount { get; init; }

    /// <summary>The number of records in the answer section.</summary>
    public ushort AnswerCount { get; init; }

    /// <summary>The number of records in the authority section.</summary>
    public ushort AuthorityCount { get; init; }

    /// <summary>The number of records in the additional section (including any OPT record).</summary>
    public ushort AdditionalCount { get; init; }

    /// <summary>QR: the message is a response.</summary>
    public bool IsResponse => (Flags & 0x8000) != 0;

    /// <summary>The kind of query.</summary>
    public DnsOpcode Opcode => (DnsOpcode)((Flags >> 11) & 0xF);

    /// <summary>AA: the answer comes from a server authoritative for the name.</summary>
    public bool IsAuthoritative => (Flags & 0x0400) != 0;

    /// <summary>TC: the message was truncated to fit a datagram; retry over TCP.</summary>
    public bool IsTruncated => (Flags & 0x0200) != 0;

    /// <summary>RD: recursion is desired.</summary>
    public bool RecursionDesired => (Flags & 0x0100) != 0;

    /// <summary>RA: the server offers recursion.</summary>
    public bool RecursionAvailable => (Flags & 0x0080) != 0;

    /// <summary>AD: the resolver says the data was DNSSEC-validated (RFC 4035 §3.2.3).</summary>
    public bool AuthenticData => (Flags & 0x0020) != 0;

    /// <summary>CD: DNSSEC checking is disabled (RFC 4035 §3.2.2).</summary>
    public bool CheckingDisabled => (Flags & 0x0010) != 0;

    /// <summary>The low four bits of the response code; see <see cref="DnsMessage.ResponseCode"/> for the full code.</summary>
    public int ResponseCodeBits => Flags & 0xF;
}
