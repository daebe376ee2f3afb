namespace TldOps.Core.Registry;

/// <summary>The shipped reference data is malformed; the message names the file and line.</summary>
public sealed class ReferenceDataException : FormatException
{
    public ReferenceDataException(string file, int line, string reason)
        : base($"{file}:{line}: {reason}")
    {
        File = file;
        Line = line;
    }

    public ReferenceDataException()
    {
        File = string.Empty;
    }

    public ReferenceDataException(string message)
        : base(message)
    {
        File = string.Empty;
    }

    public ReferenceDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
    }

    public string File { get; }

    public int Line { get; }
}
