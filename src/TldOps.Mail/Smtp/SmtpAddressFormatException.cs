namespace TldOps.Mail.Smtp;

/// <summary>
/// An envelope address or path that is not valid RFC 5321 (§4.1.2) / RFC 6531 syntax, or that
/// exceeds a limit of <see cref="SmtpAddressParserOptions"/>.
/// </summary>
public sealed class SmtpAddressFormatException : FormatException
{
    /// <summary>Creates the exception for a problem found at a byte offset of the UTF-8 input.</summary>
    public SmtpAddressFormatException(string problem, int offset)
        : base($"{problem} at offset {offset}")
    {
        Problem = problem;
        Offset = offset;
    }

    /// <summary>Creates the exception without an offset (for serializers and tooling).</summary>
    public SmtpAddressFormatException()
        : this("Invalid envelope address", 0)
    {
    }

    /// <summary>Creates the exception with a message and no offset.</summary>
    public SmtpAddressFormatException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SmtpAddressFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    /// <summary>What is wrong, without the offset.</summary>
    public string Problem { get; } = string.Empty;

    /// <summary>Byte offset in the UTF-8 input where the problem was found.</summary>
    public int Offset { get; }
}
