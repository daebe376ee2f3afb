using System.Globalization;
using System.Text.RegularExpressions;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Reports;

/// <summary>One per-recipient block of a delivery status notification (RFC 3464 §2.3).</summary>
public sealed partial class RecipientStatus
{
    internal RecipientStatus(IReadOnlyList<(string Name, string Value)> fields)
    {
        Fields = fields;
        OriginalRecipient = Typed("Original-Recipient");
        FinalRecipient = Typed("Final-Recipient");
        Action = ReportFields.Get(fields, "Action")?.Trim().ToLowerInvariant() switch
        {
            "failed" => DeliveryAction.Failed,
            "delayed" => DeliveryAction.Delayed,
            "delivered" => DeliveryAction.Delivered,
            "relayed" => DeliveryAction.Relayed,
            "expanded" => DeliveryAction.Expanded,
            _ => DeliveryAction.Unknown,
        };
        Status = StatusCode.TryParse(ReportFields.Get(fields, "Status"), out var status) ? status : null;
        RemoteMta = Typed("Remote-MTA");
        DiagnosticCode = Typed("Diagnostic-Code");
        LastAttemptDate = MailDate.TryParse(ReportFields.Get(fields, "Last-Attempt-Date"), out var last) ? last : null;
        WillRetryUntil = MailDate.TryParse(ReportFields.Get(fields, "Will-Retry-Until"), out var until) ? until : null;
    }

    /// <summary>Every field of the block, in order.</summary>
    public IReadOnlyList<(string Name, string Value)> Fields { get; }

    /// <summary>The recipient as the sender gave it (Original-Recipient), or null.</summary>
    public TypedValue? OriginalRecipient { get; }

    /// <summary>The recipient the reporting MTA tried (Final-Recipient), or null when missing (it is required).</summary>
    public TypedValue? FinalRecipient { get; }

    /// <summary>What happened.</summary>
    public DeliveryAction Action { get; }

    /// <summary>The Status field, or null when missing or unreadable.</summary>
    public StatusCode? Status { get; }

    /// <summary>The MTA that reported the problem (Remote-MTA, "dns; mx.example.org"), or null.</summary>
    public TypedValue? RemoteMta { get; }

    /// <summary>The remote server's answer (Diagnostic-Code, "smtp; 550 5.1.1 …"), or null.</summary>
    public TypedValue? DiagnosticCode { get; }

    /// <summary>Last-Attempt-Date, or null.</summary>
    public DateTimeOffset? LastAttemptDate { get; }

    /// <summary>Will-Retry-Until (for delayed), or null.</summary>
    public DateTimeOffset? WillRetryUntil { get; }

    /// <summary>The recipient address to act on: Original-Recipient when given (it is what we sent to), else Final-Recipient.</summary>
    public string? Recipient => OriginalRecipient?.Address is { Length: > 0 } original ? original : FinalRecipient?.Address;

    /// <summary>
    /// The status to act on: Status; else an enhanced code in the Diagnostic-Code; else one
    /// derived from a 4xx/5xx SMTP reply code there (x.0.0).
    /// </summary>
    public StatusCode? EffectiveStatus
    {
        get
        {
            if (Status is { } status)
            {
                return status;
            }

            var diagnostic = DiagnosticCode?.Value;
            if (StatusCode.TryFind(diagnostic, out var found))
            {
                return found;
            }

            var reply = diagnostic is null ? Match.Empty : ReplyCode().Match(diagnostic);
            return reply.Success ? new StatusCode(reply.Value[0] - '0', 0, 0) : null;
        }
    }

    /// <summary>
    /// True when retrying is pointless: Action failed with a permanent (5.x.x) status, or
    /// failed with no status at all (RFC 3464 §2.3.3: "failed" means delivery will not be retried).
    /// </summary>
    public bool IsHardFailure => Action == DeliveryAction.Failed && EffectiveStatus is not { IsTransient: true };

    /// <summary>True when delivery was only delayed or failed transiently (4.x.x).</summary>
    public bool IsSoftFailure => Action == DeliveryAction.Delayed || (Action == DeliveryAction.Failed && EffectiveStatus is { IsTransient: true });

    /// <summary>The block as "recipient: action status", for logs.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Recipient}: {Action} {EffectiveStatus?.ToString() ?? "-"}");

    private TypedValue? Typed(string name) => ReportFields.Get(Fields, name) is { } value ? TypedValue.Parse(value) : null;

    // An SMTP reply code at the start of the diagnostic (RFC 5321 §4.2).
    [GeneratedRegex(@"^\s*[45]\d\d(?!\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReplyCode();
}
