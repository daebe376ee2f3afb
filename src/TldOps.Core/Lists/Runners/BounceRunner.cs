using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Mime;
using TldOps.Mail.Reports;

namespace TldOps.Core.Lists.Runners;

/// <summary>
/// Owns the <c>bounces</c> queue: mail that came back to a bounce address. The VERP token in the
/// address says whose copy it was (trusting the return path, not the report's text, which
/// forwarding and aliases garble); the RFC 3464 report, when there is one, says what kind of
/// failure. Delay reports and policy refusals are recorded but never count; a report without a
/// token is matched by its failed recipient's address; an out-of-office answer is ignored.
/// </summary>
public sealed class BounceRunner(
    QueueRunnerContext context,
    ILogger<BounceRunner> logger,
    MessageStore messages,
    BounceProcessor bounces,
    ListMemberDirectory members,
    ListOptions options) : QueueRunner(context, logger)
{
    protected override IReadOnlyList<string> Queues { get; } = [QueueNames.Bounces];

    protected override int MaxConcurrency => 2;

    protected override int LeaseBatch => 16;

    protected override async Task<EntryOutcome> ProcessAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        var raw = entry.MessageId is { } id ? await messages.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (raw is null)
        {
            return new EntryOutcome.Failed("The stored message is gone.");
        }

        var message = MimeMessage.Load(raw);
        var tokens = entry.RecipientList
            .Select(r => options.Addresses.Classify(r, out var token) == ListAddressKind.Bounces ? token : null)
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        BounceKind kind;
        string? status = null, diagnostic = null, failedRecipient = null;
        if (DeliveryStatusReport.TryParse(message, out var report))
        {
            var failures = report.Recipients.Select(r => (Status: r, Kind: BounceClassifier.Classify(r))).Where(r => r.Kind is not null).ToList();
            if (failures.Count == 0)
            {
                return new EntryOutcome.Done("a delivery report without failures");
            }

            kind = BounceClassifier.Strongest(failures.Select(f => f.Kind!.Value));
            var first = failures.First(f => f.Kind == kind).Status;
            status = first.EffectiveStatus?.ToString();
            diagnostic = first.DiagnosticCode?.ToString();
            failedRecipient = first.Recipient;
            if (tokens.Count == 0)
            {
                tokens = await TokensOfAsync(failures.Select(f => f.Status.Recipient).OfType<string>(), cancellationToken).ConfigureAwait(false);
            }
        }
        else if (IsAutoReply(message))
        {
            return new EntryOutcome.Done("an automatic reply, not a bounce");
        }
        else
        {
            kind = BounceKind.Unrecognised;
            diagnostic = message.Subject;
        }

        if (tokens.Count == 0)
        {
            return new EntryOutcome.Done($"{BounceClassifier.ToCode(kind)} bounce for nobody on the list");
        }

        var results = new List<string>();
        foreach (var token in tokens)
        {
            var outcome = await bounces.RegisterAsync(new BounceReport(token, kind, "dsn", status, diagnostic, failedRecipient), cancellationToken).ConfigureAwait(false);
            results.Add($"{token}: {BounceClassifier.ToCode(kind)}{(outcome.Counted ? $", score {outcome.Score:0.0}" : ", not counted")}{(outcome.DisabledNow ? ", delivery disabled" : string.Empty)}");
            if (outcome.DisabledNow)
            {
                Context.Store.Notify(QueueNames.Virgin);
            }
        }

        return new EntryOutcome.Done(string.Join("; ", results));
    }

    private async Task<List<string>> TokensOfAsync(IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var found = await members.FindByEmailsAsync(addresses.ToList(), cancellationToken).ConfigureAwait(false);
        return found.Values.Select(m => VerpToken.ForMember(m.PublicId)).Distinct(StringComparer.Ordinal).ToList();
    }

    // RFC 3834 auto-replies, and the vacation programs that predate it.
    private static bool IsAutoReply(MimeMessage message) =>
        message.Headers["Auto-Submitted"]?.Trim().StartsWith("auto-replied", StringComparison.OrdinalIgnoreCase) == true
        || message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond")
        || (message.Subject ?? string.Empty).Contains("out of office", StringComparison.OrdinalIgnoreCase);
}
