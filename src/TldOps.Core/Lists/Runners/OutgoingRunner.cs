using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Lists.Runners;

/// <summary>
/// Owns the <c>out</c> queue, every lane (alerts first, since leasing goes by
/// priority). <c>Lists:Delivery:Concurrency</c> copies are sent at once and
/// <c>Lists:Delivery:LeaseBatch</c> are leased per query; their sum bounds the copies a killed
/// node can have sent without recording it.
/// </summary>
public sealed class OutgoingRunner(
    QueueRunnerContext context,
    ILogger<OutgoingRunner> logger,
    IMailTransport transport,
    MessageCache cache,
    RetrySchedule schedule,
    BounceProcessor bounces,
    ListOptions options) : DeliveryRunner(context, logger, transport, cache, schedule, bounces, options)
{
    protected override int MaxConcurrency => Delivery.Concurrency;

    protected override int LeaseBatch => Delivery.LeaseBatch;
}
