namespace TldOps.Mail.Mime;

/// <summary>Input exceeded one of the limits of <see cref="MimeParserOptions"/>.</summary>
public sealed class MimeLimitExceededException : MimeFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limit">Which limit.</param>
    /// <param name="limitValue">The configured value of the limit.</param>
    /// <param name="offset">The byte offset where it was exceeded.</param>
    public MimeLimitExceededException(MimeLimit limit, long limitValue, long offset)
        : base($"{Describe(limit)} exceeds the limit of {limitValue}", offset)
    {
        Limit = limit;
        LimitValue = limitValue;
    }

    /// <summary>Creates the exception for a message-size limit (offset 0).</summary>
    public MimeLimitExceededException()
        : this(MimeLimit.MessageSize, 0, 0)
    {
    }

    /// <summary>Creates the exception with a custom message (offset 0).</summary>
    /// <param name="message">What was wrong.</param>
    public MimeLimitExceededException(string message)
        : base(message, 0)
    {
    }

    /// <summary>Creates the exception with a custom message and cause (offset 0).</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MimeLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Which limit was exceeded.</summary>
    public MimeLimit Limit { get; }

    /// <summary>The configured value of that limit.</summary>
    public long LimitValue { get; }

    private static string Describe(MimeLimit limit) => limit switch
    {
        MimeLimit.HeaderBytes => "Header block size",
        MimeLimit.LineLength => "Line length",
        MimeLimit.MimeDepth => "MIME nesting depth",
        MimeLimit.Parts => "Number of MIME parts",
        MimeLimit.MessageSize => "Message size",
        _ => limit.ToString(),
    };
}
