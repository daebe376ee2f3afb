using Microsoft.Extensions.Logging;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Lists.Runners;

/// <summary>
/// Owns the <c>retry</c> queue: copies whose delivery failed temporarily, each due at its
/// schedule's next time (as Mailman's retry runner). Same delivery as the outgoing runner, with
/// fewer workers: retries are the slow path.
/// </summary>
public sealed class RetryRunner(
    QueueRunnerContext context,
    ILogger<RetryRunner> logger,
    IMailTransport transport,
    MessageCache cache,
    RetrySchedule schedule,
    BounceProcessor bounces,
    ListOptions options) : DeliveryRunner(context, logger, transport, cache, schedule, bounces, options)
{
    protected override IReadOnlyList<string> Queues { get; } = [QueueNames.Retry];

    protected override int MaxConcurrency => Math.Max(1, Delivery.Concurrency / 4);

    protected override int LeaseBatch => 32;
}
