using System.Globalization;

namespace TldOps.Core.Scheduling;

/// <summary>One scheduled time of a job, with the period key its run is recorded under.</summary>
/// <param name="Job">The job's name.</param>
/// <param name="ScheduledAt">The minute the schedule named (UTC).</param>
/// <param name="Period">The key of the run: the scheduled minute as "2026-11-01T06:00Z", or "manual:…" for a run an operator forced.</param>
public sealed record ScheduledOccurrence(string Job, DateTimeOffset ScheduledAt, string Period)
{
    /// <summary>The occurrence of <paramref name="job"/> at <paramref name="scheduledAt"/>.</summary>
    public static ScheduledOccurrence At(string job, DateTimeOffset scheduledAt) =>
        new(job, scheduledAt, PeriodKey(scheduledAt));

    /// <summary>A run an operator asked for at <paramref name="now"/>, outside the schedule.</summary>
    public static ScheduledOccurrence Manual(string job, DateTimeOffset now) =>
        new(job, now, "manual:" + now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    /// <summary>The key of a scheduled minute: "2026-11-01T06:00Z".</summary>
    public static string PeriodKey(DateTimeOffset scheduledAt) =>
        scheduledAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
