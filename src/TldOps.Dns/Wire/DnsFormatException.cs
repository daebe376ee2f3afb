namespace TldOps.Dns.Wire;

/// <summary>
/// A DNS message is malformed. <see cref="Offset"/> is the byte offset, from the start of the
/// message, where reading failed; <see cref="Error"/> says what was wrong.
/// </summary>
public sealed class DnsFormatException : FormatException
{
    /// <summary>Creates the exception for an error found at a byte offset.</summary>
    public DnsFormatException(DnsFormatError error, int offset)
        : base($"Malformed DNS message at offset {offset}: {Describe(error)}.")
    {
        Error = error;
        Offset = offset;
    }

    /// <summary>What was wrong.</summary>
    public DnsFormatError Error { get; }

    /// <summary>The byte offset, from the start of the message, where reading failed.</summary>
    public int Offset { get; }

    internal static string Describe(DnsFormatError error) => error switch
    {
        DnsFormatError.Truncated => "the message ends inside a field",
        DnsFormatError.MessageTooLarge => "the message exceeds the size limit",
        DnsFormatError.ReservedLabelType => "a label uses a reserved label type",
        DnsFormatError.NameTooLong => "a name exceeds 255 octets",
        DnsFormatError.ForwardPointer => "a compression pointer does not point backwards",
        DnsFormatError.PointerIntoHeader => "a compression pointer points into the header",
        DnsFormatError.TooManyPointers => "a name follows too many compression pointers",
        DnsFormatError.TooManyRecords => "the message announces too many records",
        DnsFormatError.InvalidRecordData => "a record's data does not match its type",
        DnsFormatError.InvalidOpt => "an OPT record is misplaced or malformed",
        _ => error.ToString(),
    };
}
