using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using TldOps.Core.Common;
using TldOps.Core.Lists.Requests;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Mail;
using TldOps.Core.Membership.Reconfirmation;
using TldOps.Core.Membership.Texts;
using TldOps.Core.Storage;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Core.Membership.Requests;

/// <summary>
/// Vetting's part of the <c>-request</c> address: replies carrying a request's tag
/// ("TLD-OPS #TOKENID" in the subject or the body) with "approve", "confirm" or "reject" on the
/// first line that is not quoted, and new requests in <see cref="JoinMailFormat"/>. Automatic
/// mail (RFC 3834 Auto-Submitted, bounces) that carries a tag is taken and dropped, so that an
/// out-of-office reply never decides anything nor starts a mail loop.
/// </summary>
public sealed partial class VettingRequestMailHandler(
    JoinRequestService joins,
    ReconfirmationService reconfirmations,
    Database database,
    VettingMailer mailer,
    VettingOptions options,
    ILogger<VettingRequestMailHandler> logger) : IRequestMailHandler
{
    /// <inheritdoc/>
    public async Task<RequestMailOutcome> HandleAsync(RequestMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = mail.Message;
        var text = message.TextBody?.GetText() ?? string.Empty;
        var tag = FindTag(message.Subject) ?? FindTag(text);
        var automatic = string.IsNullOrEmpty(mail.EnvelopeSender) || IsAutoSubmitted(message);
        if (tag is not null)
        {
            if (automatic)
            {
                LogAutomatic(mail.MessageId, tag);
                return RequestMailOutcome.Handled;
            }

            return await DecideAsync(mail, tag, text, cancellationToken).ConfigureAwait(false);
        }

        if (automatic || !JoinMailFormat.LooksLikeRequest(text))
        {
            return RequestMailOutcome.NotMine;
        }

        await SubmitAsync(mail, text, cancellationToken).ConfigureAwait(false);
        return RequestMailOutcome.Handled;
    }

    /// <summary>The decision keyword on the first line that is not quoted, or null.</summary>
    public static JoinDecision? ReadKeyword(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('>'))
            {
                continue;
            }

            var word = Keyword().Match(trimmed);
            return !word.Success ? null : word.Groups[1].Value.ToLowerInvariant() switch
            {
                "approve" or "approved" or "confirm" or "confirmed" or "yes" => JoinDecision.Approve,
                "reject" or "rejected" or "no" => JoinDecision.Reject,
                _ => null,
            };
        }

        return null;
    }

    /// <summary>The token id of a "TLD-OPS #TOKENID" tag in <paramref name="text"/>, or null.</summary>
    public static string? FindTag(string? text) => text is null ? null : Tag().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    private async Task<RequestMailOutcome> DecideAsync(RequestMail mail, string tag, string text, CancellationToken cancellationToken)
    {
        var decision = ReadKeyword(text);
        var from = mail.Message.From.SelectMany(a => a.Mailboxes()).FirstOrDefault();
        if (decision is null || from is null)
        {
            LogNoKeyword(mail.MessageId, tag);
            return RequestMailOutcome.NotMine;
        }

        var copied = mail.Message.To.Concat(mail.Message.Cc).SelectMany(a => a.Mailboxes()).Select(m => m.Address).ToList();
        var reply = new ReplyDecision(tag, decision.Value, from.Address, copied, mail.MessageId, mail.AuthenticatedDomain);
        var outcome = await joins.DecideByReplyAsync(reply, cancellationToken).ConfigureAwait(false);
        if (outcome == ReplyOutcome.UnknownRequest)
        {
            outcome = await reconfirmations.DecideByReplyAsync(reply, cancellationToken).ConfigureAwait(false);
        }

        LogDecision(mail.MessageId, tag, outcome);
        return outcome == ReplyOutcome.UnknownRequest ? RequestMailOutcome.NotMine : RequestMailOutcome.Handled;
    }

    private async Task SubmitAsync(RequestMail mail, string text, CancellationToken cancellationToken)
    {
        var from = mail.Message.From.SelectMany(a => a.Mailboxes()).FirstOrDefault();
        var sender = from?.Address ?? mail.EnvelopeSender!;
        var errors = new List<FieldError>();
        var form = JoinMailFormat.Parse(text, sender, from?.DisplayName, errors);
        Problem? problem = form is null ? new Invalid("The request could not be read.", errors) : null;
        if (form is not null)
        {
            var submitted = await joins.SubmitAsync(form, "mail", cancellationToken).ConfigureAwait(false);
            problem = submitted.Problem;
        }

        if (problem is null)
        {
            return;
        }

        var language = Language.Match(form?.RequesterLanguage) ?? Language.English;
        var lines = problem is Invalid { Fields.Count: > 0 } invalid ? invalid.Fields.Select(f => $"  - {f.Field}: {f.Reason}") : [$"  - {problem.Message}"];
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["requestAddress"] = options.RequestAddress,
            ["errors"] = string.Join('\n', lines),
            ["form"] = options.Link(language + "/join"),
        };
        var texts = TextCatalog.Shipped;
        await database.InTransactionAsync((connection, transaction) => mailer.EnqueueAsync(connection, transaction,
            new VettingMail([sender], language, texts.Format(language, "join-invalid.subject", values), texts.Format(language, "join-invalid.body", values), "request-mail"),
            cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        mailer.Notify();
    }

    private static bool IsAutoSubmitted(MimeMessage message)
    {
        var value = message.Headers["Auto-Submitted"]?.Trim();
        return (value is not null && !value.StartsWith("no", StringComparison.OrdinalIgnoreCase))
            || message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond")
            || string.Equals(message.Headers["Precedence"]?.Trim(), "bulk", StringComparison.OrdinalIgnoreCase)
            || string.Equals(message.Headers["Precedence"]?.Trim(), "auto_reply", StringComparison.OrdinalIgnoreCase);
    }

    // Token ids are base64url (ActionTokens): 12 characters for 9 random bytes.
    [GeneratedRegex(@"TLD-OPS #([A-Za-z0-9_-]{8,40})")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^([A-Za-z]+)\b")]
    private static partial Regex Keyword();

    [LoggerMessage(Level = LogLevel.Information, Message = "Request mail {MessageId} for TLD-OPS #{Tag} is automatic; dropped.")]
    private partial void LogAutomatic(string? messageId, string tag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request mail {MessageId} for TLD-OPS #{Tag} has no approve, confirm or reject keyword.")]
    private partial void LogNoKeyword(string? messageId, string tag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request mail {MessageId} for TLD-OPS #{Tag}: {Outcome}.")]
    private partial void LogDecision(string? messageId, string tag, ReplyOutcome outcome);
}
