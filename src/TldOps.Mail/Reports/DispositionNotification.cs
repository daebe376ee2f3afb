using System.Diagnostics.CodeAnalysis;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Reports;

/// <summary>
/// A message disposition notification (RFC 8098, "read receipt"): who reports, about which
/// message, and what happened to it (displayed, deleted, dispatched, processed…).
/// </summary>
public sealed class DispositionNotification
{
    private DispositionNotification(IReadOnlyList<(string Name, string Value)> fields)
    {
        Fields = fields;
        var disposition = ReportFields.Get(fields, "Disposition") ?? string.Empty;

        // "action-mode/sending-mode; disposition-type[/modifier,…]" (RFC 8098 §3.2.6).
        var semicolon = disposition.IndexOf(';', StringComparison.Ordinal);
        var modes = (semicolon < 0 ? disposition : disposition[..semicolon]).Split('/', StringSplitOptions.TrimEntries);
        ActionMode = modes.Length > 0 ? modes[0].ToLowerInvariant() : string.Empty;
        SendingMode = modes.Length > 1 ? modes[1].ToLowerInvariant() : string.Empty;
        var type = semicolon < 0 ? string.Empty : disposition[(semicolon + 1)..];
        var slash = type.IndexOf('/', StringComparison.Ordinal);
        DispositionType = (slash < 0 ? type : type[..slash]).Trim().ToLowerInvariant();
        Modifiers = slash < 0 ? [] : type[(slash + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(m => m.ToLowerInvariant()).ToList();
    }

    /// <summary>Every field, in order.</summary>
    public IReadOnlyList<(string Name, string Value)> Fields { get; }

    /// <summary>The user agent that reported (Reporting-UA), or null.</summary>
    public string? ReportingUserAgent => ReportFields.Get(Fields, "Reporting-UA");

    /// <summary>Original-Recipient, or null.</summary>
    public TypedValue? OriginalRecipient => ReportFields.Get(Fields, "Original-Recipient") is { } value ? TypedValue.Parse(value) : null;

    /// <summary>Final-Recipient (required), or null when missing.</summary>
    public TypedValue? FinalRecipient => ReportFields.Get(Fields, "Final-Recipient") is { } value ? TypedValue.Parse(value) : null;

    /// <summary>The Message-ID of the message this is about, without angle brackets, or null.</summary>
    public string? OriginalMessageId => ReportFields.Get(Fields, "Original-Message-ID")?.Trim().Trim('<', '>');

    /// <summary>"manual-action" or "automatic-action".</summary>
    public string ActionMode { get; }

    /// <summary>"mdn-sent-manually" or "mdn-sent-automatically".</summary>
    public string SendingMode { get; }

    /// <summary>"displayed", "deleted", "dispatched", "processed" (or older ones such as "failed").</summary>
    public string DispositionType { get; }

    /// <summary>Disposition modifiers (such as "error"), possibly none.</summary>
    public IReadOnlyList<string> Modifiers { get; }

    /// <summary>Finds the message/disposition-notification part of a message and reads it.</summary>
    /// <param name="message">The notification.</param>
    /// <param name="notification">The notification, or null.</param>
    /// <returns>True when a part with a Disposition field was found.</returns>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out DispositionNotification? notification)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var part in ReportFields.PartsOfType(message, "message/disposition-notification", "message/global-disposition-notification"))
        {
            var fields = ReportFields.ReadBlocks(part).SelectMany(b => b).ToList();
            if (ReportFields.Get(fields, "Disposition") is not null)
            {
                notification = new DispositionNotification(fields);
                return true;
            }
        }

        notification = null;
        return false;
    }
}
