namespace TldOps.Core.Storage.Queues;

/// <summary>The <c>Queues</c> settings section: how runners lease and retry.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queues";

    /// <summary>This node's name in leases. Default: the machine name and process id are not
    /// stable across restarts, so the default is the machine name plus the data folder, which
    /// lets a restarted node take back its own leases at once instead of waiting for expiry.</summary>
    public string? NodeId { get; set; }

    /// <summary>How long a lease holds before another node may take the entry (default 2 minutes).
    /// Runners renew leases of entries still being worked on.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an idle runner looks for work that other nodes enqueued (default 500 ms).
    /// Work enqueued on this node wakes runners at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Leases taken on one entry before it counts as poison and is quarantined (default 5).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long finished entries are kept for status and reports (default 30 days).</summary>
    public TimeSpan KeepFinished { get; set; } = TimeSpan.FromDays(30);
}
