using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Lists.Runners;

/// <summary>
/// The alert lane's own workers: the same delivery, but only entries with priority
/// <see cref="QueuePriority.Alert"/>, so that an alert never waits behind the monthly contact
/// repository or an outreach campaign filling the general runner's slots.
/// </summary>
public sealed class AlertOutgoingRunner(
    QueueRunnerContext context,
    ILogger<AlertOutgoingRunner> logger,
    IMailTransport transport,
    MessageCache cache,
    RetrySchedule schedule,
    BounceProcessor bounces,
    ListOptions options) : DeliveryRunner(context, logger, transport, cache, schedule, bounces, options)
{
    protected override int MaxConcurrency => Delivery.AlertConcurrency;

    protected override int LeaseBatch => Math.Max(8, Delivery.AlertConcurrency * 2);

    protected override int MaxPriority => QueuePriority.Alert;
}
