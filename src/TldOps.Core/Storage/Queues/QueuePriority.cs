namespace TldOps.Core.Storage.Queues;

/// <summary>
/// Lower is sooner. Alerts travel in their own lane that bulk work (digests, the monthly
/// repository mail, outreach) never delays: runners always lease by priority first, and the
/// outgoing runner keeps workers that take only the alert lane.
/// </summary>
public static class QueuePriority
{
    public const int Alert = 0;
    public const int Normal = 5;
    public const int Bulk = 9;
}
