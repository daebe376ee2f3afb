namespace TldOps.Core.Lists.Bounces;

/// <summary>What recording a bounce did: whether it counted, the score after it, and whether delivery was disabled now.</summary>
public sealed record BounceOutcome(long? MemberId, bool Counted, double Score, bool DisabledNow);
