using System.Data.Common;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Lists;

/// <summary>
/// The one door for mail the system writes: it stores the message and puts one entry in the
/// <c>virgin</c> queue, whose runner makes a personal copy per recipient (VERP, DKIM) and hands
/// them to delivery. Enqueue inside the caller's transaction when the mail must exist if and
/// only if the caller's change does (a join request and the request to its admin contact).
/// </summary>
public sealed class SystemMail(Database database, MessageStore messages, QueueStore queues)
{
    /// <summary>Queues <paramref name="message"/> inside the caller's transaction; returns the virgin entry id.
    /// Call <see cref="Notify"/> after the commit.</summary>
    public async Task<long> EnqueueAsync(DbConnection connection, DbTransaction transaction, SystemMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Recipients.Count == 0)
        {
            throw new ArgumentException("A system message needs at least one recipient.", nameof(message));
        }

        var messageId = await messages.AddAsync(connection, transaction, message.Raw, cancellationToken).ConfigureAwait(false);
        return await queues.EnqueueAsync(connection, transaction, new NewQueueEntry(
            QueueNames.Virgin,
            message.Priority,
            messageId,
            Sender: message.EnvelopeSender,
            Recipients: message.Recipients,
            Correlation: message.Correlation), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues <paramref name="message"/> in its own transaction and wakes the virgin runner.</summary>
    public async Task<long> EnqueueAsync(SystemMessage message, CancellationToken cancellationToken = default)
    {
        var id = await database.InTransactionAsync((c, t) => EnqueueAsync(c, t, message, cancellationToken), cancellationToken).ConfigureAwait(false);
        Notify();
        return id;
    }

    /// <summary>Wakes this node's virgin runner (after committing a transaction that enqueued).</summary>
    public void Notify() => queues.Notify(QueueNames.Virgin);
}
