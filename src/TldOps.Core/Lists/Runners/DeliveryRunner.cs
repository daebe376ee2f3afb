using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Lists.Runners;

/// <summary>
/// What the outgoing runners share: take a copy, send it through the transport, and turn the
/// result into an outcome. Accepted: done, with the server's reply kept as the recipient's
/// status. Temporary failure: back to the <c>retry</c> queue at the schedule's next time, or,
/// past the schedule, failed and counted as a soft bounce. Permanent failure: failed, and counted
/// for the member as a hard bounce (policy refusals are recorded but do not count).
/// </summary>
public abstract class DeliveryRunner(
    QueueRunnerContext context,
    ILogger logger,
    IMailTransport transport,
    MessageCache cache,
    RetrySchedule schedule,
    BounceProcessor bounces,
    ListOptions options) : QueueRunner(context, logger)
{
    /// <summary>
    /// The <c>out</c> queue by default. One queue per runner also keeps leasing cheap: the ready
    /// index (queue, priority, id) yields one queue's entries already in order, so a lease stops
    /// after its batch instead of sorting every waiting copy.
    /// </summary>
    protected override IReadOnlyList<string> Queues { get; } = [QueueNames.Out];

    /// <summary>The delivery settings (concurrency, lease batch, alert workers).</summary>
    protected DeliveryOptions Delivery => options.Delivery;

    protected override async Task<EntryOutcome> ProcessAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Recipient is null || entry.MessageId is null)
        {
            return new EntryOutcome.Failed("An out entry needs a recipient and a message.");
        }

        var content = await cache.GetAsync(entry.MessageId.Value, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return new EntryOutcome.Failed("The stored message is gone.");
        }

        var result = await transport.DeliverAsync(new OutgoingCopy(entry.Sender ?? string.Empty, entry.Recipient, content, entry.Id), cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case DeliveryResult.Delivered delivered:
                return new EntryOutcome.Done(delivered.Reply);
            case DeliveryResult.Transient transient:
                if (schedule.Next(entry.CreatedAt, Context.Clock.GetUtcNow()) is { } next)
                {
                    return new EntryOutcome.RetryLater(next, transient.Reason, QueueNames.Retry);
                }

                var expired = $"Gave up after {schedule.MaxAge.TotalDays:0.#} days of temporary failures; last: {transient.Reason}";
                await RegisterAsync(entry, BounceKind.Soft, "4.4.7", expired, cancellationToken).ConfigureAwait(false);
                return new EntryOutcome.Failed(expired, transient.Reason);
            case DeliveryResult.Permanent permanent:
                await RegisterAsync(entry, BounceClassifier.ClassifySmtp(permanent.Status), permanent.Status, permanent.Reason, cancellationToken).ConfigureAwait(false);
                return new EntryOutcome.Failed(permanent.Reason, permanent.Reason);
            default:
                throw new InvalidOperationException($"Unknown delivery result {result.GetType().Name}.");
        }
    }

    private async Task RegisterAsync(QueueEntry entry, BounceKind kind, string? status, string diagnostic, CancellationToken cancellationToken)
    {
        options.Addresses.Classify(entry.Sender, out var token);
        var outcome = await bounces.RegisterAsync(new BounceReport(token, kind, "smtp", status, diagnostic, entry.Recipient), cancellationToken).ConfigureAwait(false);
        if (outcome.DisabledNow)
        {
            Context.Store.Notify(QueueNames.Virgin);
        }
    }
}
