using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Reports;

/// <summary>
/// A delivery status notification (RFC 3464; message/global-delivery-status of RFC 6533 too):
/// the per-message fields and one <see cref="RecipientStatus"/> per recipient, as bounce
/// processing needs them.
/// </summary>
public sealed class DeliveryStatusReport
{
    private static readonly ImmutableArray<string> RecipientFields = ["Final-Recipient", "Original-Recipient", "Action", "Status"];

    private DeliveryStatusReport(IReadOnlyList<(string, string)> messageFields, IReadOnlyList<RecipientStatus> recipients, MimeEntity? returned)
    {
        MessageFields = messageFields;
        Recipients = recipients;
        ReturnedContent = returned;
    }

    /// <summary>The per-message fields (Reporting-MTA, Arrival-Date, Original-Envelope-Id…).</summary>
    public IReadOnlyList<(string Name, string Value)> MessageFields { get; }

    /// <summary>The per-recipient blocks.</summary>
    public IReadOnlyList<RecipientStatus> Recipients { get; }

    /// <summary>The returned message or its headers (the third part of RFC 6522 multipart/report), or null.</summary>
    public MimeEntity? ReturnedContent { get; }

    /// <summary>The MTA that wrote the report (Reporting-MTA), or null.</summary>
    public TypedValue? ReportingMta => ReportFields.Get(MessageFields, "Reporting-MTA") is { } value ? TypedValue.Parse(value) : null;

    /// <summary>The envelope id the sender gave (Original-Envelope-Id, RFC 3461 ENVID), which VERP-less bounce matching can use, or null.</summary>
    public string? OriginalEnvelopeId => ReportFields.Get(MessageFields, "Original-Envelope-Id");

    /// <summary>
    /// Finds a delivery status report in a message: every message/delivery-status or
    /// message/global-delivery-status part (outside embedded messages) is read, and their
    /// recipients are joined. A per-message block that runs into recipient fields without a
    /// blank line is split where the recipient fields start.
    /// </summary>
    /// <param name="message">A bounce.</param>
    /// <param name="report">The report, or null.</param>
    /// <returns>True when at least one recipient block was found.</returns>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out DeliveryStatusReport? report)
    {
        ArgumentNullException.ThrowIfNull(message);
        report = null;
        var messageFields = new List<(string, string)>();
        var recipients = new List<RecipientStatus>();
        foreach (var part in ReportFields.PartsOfType(message, "message/delivery-status", "message/global-delivery-status"))
        {
            var blocks = ReportFields.ReadBlocks(part);
            for (var i = 0; i < blocks.Count; i++)
            {
                var block = blocks[i];
                var firstRecipientField = block.FindIndex(f => RecipientFields.Contains(f.Name, StringComparer.OrdinalIgnoreCase));
                if (i == 0 && recipients.Count == 0 && messageFields.Count == 0)
                {
                    var end = firstRecipientField < 0 ? block.Count : firstRecipientField;
                    messageFields.AddRange(block.Take(end));
                    block = block.Skip(end).ToList();
                }

                recipients.AddRange(SplitRecipients(block).Select(b => new RecipientStatus(b)));
            }
        }

        if (recipients.Count == 0)
        {
            return false;
        }

        report = new DeliveryStatusReport(messageFields, recipients, ReturnedPart(message));
        return true;
    }

    /// <summary>Blocks without any recipient field are not recipients; two Final-Recipient fields in one block are two recipients.</summary>
    private static IEnumerable<List<(string Name, string Value)>> SplitRecipients(List<(string Name, string Value)> block)
    {
        var current = new List<(string Name, string Value)>();
        foreach (var field in block)
        {
            if (string.Equals(field.Name, "Final-Recipient", StringComparison.OrdinalIgnoreCase)
                && current.Exists(f => string.Equals(f.Name, "Final-Recipient", StringComparison.OrdinalIgnoreCase)))
            {
                yield return current;
                current = [];
            }

            current.Add(field);
        }

        if (current.Exists(f => RecipientFields.Contains(f.Name, StringComparer.OrdinalIgnoreCase)))
        {
            yield return current;
        }
    }

    private static MimeEntity? ReturnedPart(MimeMessage message) =>
        message.EnumerateEntities().FirstOrDefault(e =>
            e.ContentType.Is("message", "rfc822") || e.ContentType.Is("message", "global")
            || e.ContentType.Is("text", "rfc822-headers") || e.ContentType.Is("message", "global-headers"));
}
