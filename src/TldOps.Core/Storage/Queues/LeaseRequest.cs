namespace TldOps.Core.Storage.Queues;

/// <summary>
/// What a runner asks to lease: up to <paramref name="Limit"/> due entries of
/// <paramref name="Queues"/> with priority at most <paramref name="MaxPriority"/>, held by
/// <paramref name="Owner"/> for <paramref name="Duration"/>. A limit of 0 leases nothing.
/// </summary>
public sealed record LeaseRequest(string Owner, IReadOnlyList<string> Queues, int Limit, TimeSpan Duration, int MaxPriority = int.MaxValue);
