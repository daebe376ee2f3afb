namespace TldOps.Core.Storage.Queues;

/// <summary>Where an entry stands: waiting (or leased), finished, or failed for good.</summary>
public enum QueueEntryState
{
    Ready,
    Done,
    Failed,
}
