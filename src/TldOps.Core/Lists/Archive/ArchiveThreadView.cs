namespace TldOps.Core.Lists.Archive;

/// <summary>A thread with its messages in the order they arrived.</summary>
public sealed record ArchiveThreadView(ArchiveThread Thread, IReadOnlyList<ArchiveMessage> Messages);
