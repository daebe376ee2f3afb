namespace TldOps.Mail.Smtp;

/// <summary>A server reply (RFC 5321 §4.2): a three-digit code, an optional enhanced status, and text.</summary>
public sealed class SmtpReply
{
    /// <summary>Creates a reply; <paramref name="lines"/> holds the text of each line without code and status.</summary>
    public SmtpReply(int code, SmtpEnhancedStatusCode? enhancedStatus, IReadOnlyList<string> lines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 599);
        ArgumentNullException.ThrowIfNull(lines);
        Code = code;
        EnhancedStatus = enhancedStatus;
        Lines = lines;
    }

    /// <summary>The reply code, 200 to 599 (RFC 5321 §4.2.1; 1yz is not used by SMTP).</summary>
    public int Code { get; }

    /// <summary>The RFC 3463 status, when the server sent one.</summary>
    public SmtpEnhancedStatusCode? EnhancedStatus { get; }

    /// <summary>The text of each reply line, without the code and the enhanced status.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>All lines joined with spaces, for messages and logs.</summary>
    public string Text => Lines.Count == 1 ? Lines[0] : string.Join(' ', Lines);

    /// <summary>2yz or 3yz: the command was accepted (RFC 5321 §4.2.1).</summary>
    public bool IsPositive => Code < 400;

    /// <summary>4yz: a transient failure; the same command may succeed later.</summary>
    public bool IsTransientFailure => Code is >= 400 and < 500;

    /// <summary>5yz: a permanent failure.</summary>
    public bool IsPermanentFailure => Code >= 500;

    /// <inheritdoc />
    public override string ToString() => EnhancedStatus is { } status ? $"{Code} {status} {Text}" : $"{Code} {Text}";
}
