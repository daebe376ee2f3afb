namespace TldOps.Core.Storage.Queues;

/// <summary>
/// What a runner asks to lease: up to <paramref name="Limit"/> due entries of
/// <paramref name="Queues"/> with priority at most <paramref name="MaxPriority"/>, held by
/// <paramref name="Owner"/> for <paramref name="Duration"/>. A limit of 0 leases nothing.
/// With <paramref name="After"/> (one queue only), only entries after that position in lease
/// order are considered: the runner has already looked at everything up to it.
/// </summary>
public sealed record LeaseRequest(
    string Owner, IReadOnlyList<string> Queues, int Limit, TimeSpan Duration, int MaxPriority = int.MaxValue, LeasePosition? After = null);

/// <summary>
/// A place in lease order (priority, then id): the last entry of a full lease. Everything up to
/// it was leased then, or was not due, or was another lease's; a runner that leases again after
/// it does not step over its own entries still in flight, which sit at the head of the queue.
/// </summary>
public readonly record struct LeasePosition(int Priority, long Id);
