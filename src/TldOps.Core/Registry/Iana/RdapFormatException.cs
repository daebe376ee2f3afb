namespace TldOps.Core.Registry.Iana;

/// <summary>
/// An RDAP answer that is not usable JSON for a TLD's domain object (RFC 9083 §5.3): invalid JSON,
/// or a required member missing or of the wrong type. Names the byte offset where the JSON broke
/// when the problem is the syntax, and the JSON path otherwise.
/// </summary>
public sealed class RdapFormatException : FormatException
{
    public RdapFormatException()
        : this("The RDAP answer is malformed.")
    {
    }

    public RdapFormatException(string message)
        : base(message)
    {
    }

    public RdapFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RdapFormatException(string message, long? byteOffset, Exception? innerException = null)
        : base(byteOffset is { } offset ? $"{message} (byte offset {offset})" : message, innerException)
    {
        ByteOffset = byteOffset;
    }

    /// <summary>Where the JSON broke, when the problem is its syntax.</summary>
    public long? ByteOffset { get; }
}
