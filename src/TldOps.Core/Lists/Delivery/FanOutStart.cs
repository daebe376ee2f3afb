namespace TldOps.Core.Lists.Delivery;

/// <summary>What the pipeline's transaction queued of a copy: <paramref name="Written"/> entries, and a cursor for the others when <paramref name="Continues"/>.</summary>
public readonly record struct FanOutStart(int Written, bool Continues);
