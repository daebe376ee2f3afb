namespace TldOps.Mail.Addresses;

/// <summary>Text that is not a valid address or address list; <see cref="Offset"/> says where reading failed.</summary>
public sealed class AddressFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong (the offset is appended).</param>
    /// <param name="offset">The character offset in the text.</param>
    public AddressFormatException(string message, int offset)
        : base($"{message} at offset {offset}")
    {
        Offset = offset;
    }

    /// <summary>Creates the exception (offset 0).</summary>
    public AddressFormatException()
        : this("Invalid address", 0)
    {
    }

    /// <summary>Creates the exception (offset 0).</summary>
    /// <param name="message">What was wrong.</param>
    public AddressFormatException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception (offset 0) with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public AddressFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The character offset in the parsed text where reading failed.</summary>
    public int Offset { get; }
}
