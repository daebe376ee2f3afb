namespace TldOps.Core.Registry.Iana;

/// <summary>A stored import run; <see cref="FinishedAt"/> is null for a run that did not finish.</summary>
public sealed record IanaImportRun(long Id, string Source, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, IanaImportCounts Counts);
