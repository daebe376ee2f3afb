namespace TldOps.Core.Lists.Archive;

/// <summary>A conversation in the archive.</summary>
public sealed class ArchiveThread
{
    public long Id { get; init; }

    public string Subject { get; init; } = string.Empty;

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset LastAt { get; init; }

    public int MessageCount { get; init; }
}
