namespace TldOps.Mail.Mime;

/// <summary>
/// Input that cannot be read as MIME. The parser is lenient, so in practice this is raised for
/// exceeded limits (<see cref="MimeLimitExceededException"/>); <see cref="Offset"/> says where.
/// </summary>
public class MimeFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong (the offset is appended).</param>
    /// <param name="offset">The byte offset in the input where the problem was found.</param>
    public MimeFormatException(string message, long offset)
        : base($"{message} at offset {offset}")
    {
        Offset = offset;
    }

    /// <summary>Creates the exception without an offset (offset 0).</summary>
    public MimeFormatException()
        : this("Malformed MIME input", 0)
    {
    }

    /// <summary>Creates the exception (offset 0).</summary>
    /// <param name="message">What was wrong.</param>
    public MimeFormatException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception (offset 0) with an inner exception.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MimeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The byte offset in the input (for mbox input, in the whole file) where the problem was found.</summary>
    public long Offset { get; }
}
