namespace TldOps.Core.Lists.Held;

/// <summary>A held post with its text, for the committee to read before deciding.</summary>
public sealed record HeldMessageDetail(HeldMessage Held, string BodyText, ReadOnlyMemory<byte> Raw);
