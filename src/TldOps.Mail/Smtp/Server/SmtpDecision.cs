namespace TldOps.Mail.Smtp.Server;

/// <summary>
/// What the application answers for a recipient (at RCPT) or a message (at the end of DATA).
/// Accepting lets the server reply 2xx; any other decision is sent to the client as given.
/// </summary>
public sealed class SmtpDecision
{
    private SmtpDecision(int code, SmtpEnhancedStatusCode? status, string? text)
    {
        Code = code;
        EnhancedStatus = status;
        Text = text;
    }

    /// <summary>Accept, with the server's usual text.</summary>
    public static SmtpDecision Accepted { get; } = new(250, null, null);

    /// <summary>The reply code: 250 to accept, 4yz or 5yz to refuse.</summary>
    public int Code { get; }

    /// <summary>The RFC 3463 status; null on an acceptance, where the server uses 2.1.5 or 2.0.0.</summary>
    public SmtpEnhancedStatusCode? EnhancedStatus { get; }

    /// <summary>The reply text, or null for the server's usual text.</summary>
    public string? Text { get; }

    /// <summary>True for an acceptance.</summary>
    public bool IsAccepted => Code < 400;

    /// <summary>Accept, with a text of your own (for example "queued as 1234").</summary>
    /// <exception cref="ArgumentException">The text holds CR or LF.</exception>
    public static SmtpDecision Accept(string? text = null) => new(250, null, text is null ? null : CheckText(text));

    /// <summary>Refuse with a reply of your choice.</summary>
    /// <param name="code">400 to 599.</param>
    /// <param name="enhancedStatus">An RFC 3463 status whose class agrees with the code (4 with 4yz, 5 with 5yz).</param>
    /// <param name="text">One line of text, without CR or LF.</param>
    /// <exception cref="ArgumentException">The code, status or text is not acceptable.</exception>
    public static SmtpDecision Reject(int code, string enhancedStatus, string text)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 599);
        var status = SmtpEnhancedStatusCode.Parse(enhancedStatus);
        if (status.Class != code / 100)
        {
            throw new ArgumentException($"Status {status} does not agree with code {code}.", nameof(enhancedStatus));
        }

        return new SmtpDecision(code, status, CheckText(text));
    }

    /// <summary>550 5.1.1: no such mailbox here (RFC 3463 "bad destination mailbox address").</summary>
    public static SmtpDecision UnknownRecipient(string text = "No such recipient here") => Reject(550, "5.1.1", text);

    /// <summary>550 5.7.1: refused by policy (RFC 3463 "delivery not authorized").</summary>
    public static SmtpDecision PolicyRejection(string text) => Reject(550, "5.7.1", text);

    /// <summary>451 4.3.0: try again later (for example when storage is unavailable).</summary>
    public static SmtpDecision TemporaryFailure(string text = "Temporary local problem; try again later") => Reject(451, "4.3.0", text);

    /// <inheritdoc />
    public override string ToString() => $"{Code} {EnhancedStatus} {Text}".Trim();

    private static string CheckText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("Reply text must be a single line.", nameof(text));
        }

        return text;
    }
}
