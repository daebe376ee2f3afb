namespace TldOps.Core.Lists.Delivery;

/// <summary>A fan-out under way: post <paramref name="PostId"/>'s copy in lane <paramref name="Priority"/> has about <paramref name="Remaining"/> members left to reach.</summary>
public sealed record PendingFanOut(long PostId, int Priority, long Remaining);
