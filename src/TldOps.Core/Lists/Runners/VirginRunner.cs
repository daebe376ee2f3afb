using System.Globalization;
using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Lists.Dkim;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Runners;

/// <summary>
/// Owns the <c>virgin</c> queue, the door of everything the system writes (notices, approval
/// links, reminders, the monthly contact repository): signs the message once with the list's
/// DKIM key and writes one <c>out</c> entry per recipient in the entry's lane, with a VERP return
/// path (the member's token for members, <c>v-ENTRY-INDEX</c> for anyone else).
/// </summary>
public sealed class VirginRunner(
    QueueRunnerContext context,
    ILogger<VirginRunner> logger,
    Database database,
    MessageStore messages,
    ListMemberDirectory members,
    ListDkimKey dkimKey,
    ListOptions options) : QueueRunner(context, logger)
{
    protected override IReadOnlyList<string> Queues { get; } = [QueueNames.Virgin];

    protected override int MaxConcurrency => 2;

    protected override int LeaseBatch => 16;

    protected override async Task<EntryOutcome> ProcessAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        var raw = entry.MessageId is { } id ? await messages.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        var recipients = entry.RecipientList;
        if (raw is null || recipients.Count == 0)
        {
            return new EntryOutcome.Failed("A virgin entry needs a stored message and recipients.");
        }

        var message = MimeMessage.Load(raw);
        var signed = message.Headers.FindAll("DKIM-Signature").Any(h => h.UnfoldedText.Contains($"d={dkimKey.Domain};", StringComparison.OrdinalIgnoreCase));
        if (!signed)
        {
            message.Headers.Prepend(dkimKey.CreateSigner(Context.Clock).Sign(message));
        }

        var content = signed ? raw : message.ToArray();
        var known = await members.FindByEmailsAsync(recipients, cancellationToken).ConfigureAwait(false);
        var count = await database.InTransactionAsync(async (connection, transaction) =>
        {
            var messageId = await messages.AddAsync(connection, transaction, content, cancellationToken).ConfigureAwait(false);
            var copies = recipients.Select((recipient, index) => new NewQueueEntry(
                QueueNames.Out,
                entry.Priority,
                messageId,
                Sender: entry.Sender ?? options.Addresses.Verp(known.TryGetValue(recipient.ToLowerInvariant(), out var member)
                    ? VerpToken.ForMember(member.PublicId)
                    : VerpToken.ForSystemCopy(entry.Id, index)),
                Recipient: recipient,
                Correlation: entry.Correlation ?? string.Create(CultureInfo.InvariantCulture, $"virgin:{entry.Id}")));
            return await Context.Store.EnqueueManyAsync(connection, transaction, copies, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        Context.Store.Notify(QueueNames.Out);
        return new EntryOutcome.Done($"{count} copies queued");
    }
}
