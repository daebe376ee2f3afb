using System.Globalization;

namespace TldOps.Core.Scheduling;

/// <summary>A cron expression that cannot be read; <see cref="Offset"/> is the character where reading stopped.</summary>
public sealed class CronFormatException : FormatException
{
    public CronFormatException()
    {
    }

    public CronFormatException(string message)
        : base(message)
    {
    }

    public CronFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CronFormatException(string reason, int offset)
        : base(string.Create(CultureInfo.InvariantCulture, $"Invalid cron expression at offset {offset}: {reason}"))
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>The 0-based character offset in the expression.</summary>
    public int Offset { get; }
}
