namespace TldOps.Core.Scheduling;

/// <summary>A claimed run of a job, as stored in <c>scheduled_run</c>.</summary>
public sealed class ScheduledRun
{
    public string Job { get; init; } = string.Empty;

    public string Period { get; init; } = string.Empty;

    public string Node { get; init; } = string.Empty;

    public DateTimeOffset ClaimedAt { get; init; }

    /// <summary>What the run did, as JSON (counts).</summary>
    public string Detail { get; init; } = "{}";
}
