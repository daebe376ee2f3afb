using System.Globalization;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// A whois answer that is not a well-formed IANA record: cut short, over a limit, not UTF-8, or
/// breaking the layout's grammar. Names the 1-based line and the byte offset where the problem
/// is; the importer adds the file name.
/// </summary>
public sealed class WhoisFormatException : FormatException
{
    public WhoisFormatException()
        : this("The whois answer is malformed.", 1, 0)
    {
    }

    public WhoisFormatException(string message)
        : this(message, 1, 0)
    {
    }

    public WhoisFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        LineNumber = 1;
        Reason = message;
    }

    public WhoisFormatException(string reason, int lineNumber, long byteOffset)
        : base(string.Create(CultureInfo.InvariantCulture, $"{reason} (line {lineNumber}, byte offset {byteOffset})"))
    {
        Reason = reason;
        LineNumber = lineNumber;
        ByteOffset = byteOffset;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The 1-based line where the problem is.</summary>
    public int LineNumber { get; }

    /// <summary>The 0-based byte offset in the answer where the problem is (the start of the line when no finer position applies).</summary>
    public long ByteOffset { get; }
}
