namespace TldOps.Mail.Dkim;

/// <summary>A DKIM-Signature field or DKIM key record that cannot be read; <see cref="Offset"/> says where.</summary>
public sealed class DkimFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong (the offset is appended).</param>
    /// <param name="offset">The character offset in the tag list.</param>
    public DkimFormatException(string message, int offset)
        : base($"{message} at offset {offset}")
    {
        Offset = offset;
    }

    internal DkimFormatException(string message, int offset, DkimReason reason)
        : this(message, offset)
    {
        Reason = reason;
    }

    /// <summary>Creates the exception (offset 0).</summary>
    public DkimFormatException()
        : this("Invalid DKIM tag list", 0)
    {
    }

    /// <summary>Creates the exception (offset 0).</summary>
    /// <param name="message">What was wrong.</param>
    public DkimFormatException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception (offset 0) with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DkimFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The character offset in the tag list where reading failed.</summary>
    public int Offset { get; }

    /// <summary>What kind of problem it is (syntax, a missing tag, an unknown algorithm…).</summary>
    public DkimReason Reason { get; } = DkimReason.SignatureSyntax;
}
