namespace TldOps.Core.Storage.Queues;

/// <summary>How many entries one queue holds in one state.</summary>
public sealed class QueueCount
{
    public string Queue { get; init; } = string.Empty;

    public string State { get; init; } = string.Empty;

    public long Count { get; init; }
}
